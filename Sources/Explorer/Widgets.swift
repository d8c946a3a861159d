/// Small renderers, each drawing into a rectangle of a `CellGrid`.
enum Widgets {}
