/// The focusable panes, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
  case users, rankings, details, epnet, ppnet

  public var title: String {
    switch self {
    case .users: return "Users"
    case .rankings: return "Rankings"
    case .details: return "Item"
    case .epnet: return "EPNet gates"
    case .ppnet: return "PPNet gates"
    }
  }

  var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count)! }
  var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count)! }
}
