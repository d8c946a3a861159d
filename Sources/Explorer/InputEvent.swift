/// What a terminal backend reports.
public enum InputEvent: Equatable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(GridSize)
}
