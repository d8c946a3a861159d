/// The PEPNet explorer: a terminal UI built Elm-style.
///
/// `ExplorerState` holds everything on screen, `Explorer.update` turns an `Action` into a new state plus
/// `Effect` requests (model work for a background worker), and `Explorer.view` draws a state into a
/// `CellGrid`. The ncurses backend only turns grids into screen writes and keys into actions.
public enum Explorer {}
