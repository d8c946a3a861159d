import PepnetText

/// Where everything goes for a terminal size: pane boxes, tab positions, list areas.
///
/// Pure and cheap; both the view (to draw) and update (to page and to hit-test the mouse) use it.
public struct ExplorerLayout: Sendable {
  /// The smallest usable terminal.
  public static let minimum = GridSize(width: 80, height: 24)
  /// From this size up all panes are visible at once.
  public static let full = GridSize(width: 110, height: 32)

  public var size: GridSize
  public var tooSmall: Bool
  public var compact: Bool
  public var header: Rect = .zero
  public var status: Rect = .zero
  /// Pane boxes (border included), indexed by `Pane.rawValue`; hidden panes are empty.
  public var panes: [Rect] = Array(repeating: .zero, count: Pane.allCases.count)
  public var profile: Rect = .zero
  public var domainTabs: [Rect] = []
  public var taskTabs: [Rect] = []
  /// Rows of the users list, the ranking list, EPNet fields and PPNet rows (inside the boxes).
  public var userList: Rect = .zero
  public var rankingList: Rect = .zero
  /// Under the ranking list on the blend tab: the fusion formula.
  public var blendFormula: Rect = .zero
  public var fieldList: Rect = .zero
  public var ppnetList: Rect = .zero
  /// The PPNet pane's read-out of the layer under its cursor (empty when there is no room).
  public var ppnetDetail: Rect = .zero
  /// The gate panes' legend rows (or their sentences, with `s`); empty when there is no room.
  public var epnetLegend: Rect = .zero
  public var ppnetLegend: Rect = .zero
  /// The overview's and the effect view's area (the body under the header).
  public var body: Rect = .zero

  public static let brand = " PEPNet explorer "

  public init(state: ExplorerState) {
    size = state.size
    let w = size.width
    let h = size.height
    tooSmall = w < Self.minimum.width || h < Self.minimum.height
    compact = w < Self.full.width || h < Self.full.height
    if tooSmall { return }
    header = Rect(x: 0, y: 0, width: w, height: 1)
    status = Rect(x: 0, y: h - 1, width: w, height: 1)
    let body = Rect(x: 0, y: 1, width: w, height: h - 2)
    self.body = body
    // Legend rows per gate pane: two (four for a sentence) when all panes show, else one.
    let legendRows = compact ? 1 : state.showSentences ? 4 : 2
    var x = Self.brand.displayWidth + 1
    for (i, name) in state.catalog.domains.enumerated() {
      let label = i < 9 ? " \(i + 1) \(name) " : " \(name) "
      domainTabs.append(Rect(x: x, y: 0, width: label.displayWidth, height: 1))
      x += label.displayWidth + 1
    }
    if compact {
      let leftWidth = max(24, w * 26 / 80)
      let (left, right) = body.splitLeft(leftWidth)
      let (users, profile) = left.splitTop(left.height * 13 / 22)
      let (rankings, lower) = right.splitTop(right.height / 2)
      panes[Pane.users.rawValue] = users
      self.profile = profile
      panes[Pane.rankings.rawValue] = rankings
      let shown: Pane = [.details, .epnet, .ppnet].contains(state.focus) ? state.focus : state.lowerPane
      panes[shown.rawValue] = lower
    } else {
      let leftWidth = w * 26 / 120
      let rightWidth = w * 50 / 120
      let (left, rest) = body.splitLeft(leftWidth)
      let (middle, right) = rest.splitLeft(rest.width - rightWidth)
      let profileHeight = min(max(8, left.height * 14 / 38), left.height / 2)
      let (users, profile) = left.splitTop(left.height - profileHeight)
      let detailsHeight = min(state.catalog.tasks.count + 7, middle.height / 2)
      let (rankings, details) = middle.splitTop(middle.height - detailsHeight)
      // EPNet as tall as its fields (header, fields, a spare row, the per-element row, borders) when
      // the gates are known; PPNet takes the rest.
      let fields = state.gates?.target.epnet.count ?? 0
      let epnetHeight =
        fields > 0 && state.catalog.architecture.hasPPNet
        ? min(fields + 5 + legendRows, right.height / 2 + 4) : right.height * 16 / 38
      let (epnet, ppnet) = right.splitTop(min(epnetHeight, right.height - 6))
      panes[Pane.users.rawValue] = users
      self.profile = profile
      panes[Pane.rankings.rawValue] = rankings
      panes[Pane.details.rawValue] = details
      panes[Pane.epnet.rawValue] = epnet
      panes[Pane.ppnet.rawValue] = ppnet
    }
    let usersInner = panes[Pane.users.rawValue].inset(1)
    // The filter line and the column heads, then the users.
    userList = usersInner.splitTop(2).1
    let rankingsInner = panes[Pane.rankings.rawValue].inset(1)
    // Tabs, weights, then a header row (column titles, or the pinned and current selections).
    rankingList = rankingsInner.splitTop(3).1
    // On the blend tab, the fusion formula (wrapped) under the list.
    if state.tab == state.catalog.tasks.count && rankingList.height >= 5 {
      let formula = BlendWeights.formula(state.weights, tasks: state.catalog.tasks, glyphs: state.glyphs)
      let lines = min(3, Explorer.wrap(formula, width: rankingList.width).count)
      (rankingList, blendFormula) = rankingList.splitTop(rankingList.height - lines)
    }
    taskTabs = Self.tabs(labels: state.catalog.tasks + ["blend"], in: rankingsInner.row(0))
    let epnetInner = panes[Pane.epnet.rawValue].inset(1)
    fieldList = Rect(
      x: epnetInner.x, y: epnetInner.y + 1, width: epnetInner.width, height: epnetInner.height - 2)
    if fieldList.height - legendRows >= 3 {
      (fieldList, epnetLegend) = fieldList.splitTop(fieldList.height - legendRows)
    }
    let ppnetInner = panes[Pane.ppnet.rawValue].inset(1)
    var ppnetArea = ppnetInner.splitTop(1).1
    if ppnetArea.height - legendRows >= 4 {
      (ppnetArea, ppnetLegend) = ppnetArea.splitTop(ppnetArea.height - legendRows)
    }
    (ppnetList, ppnetDetail) = Self.ppnetRows(ppnetArea, state: state)
  }

  public func rect(_ pane: Pane) -> Rect { panes[pane.rawValue] }

  /// Splits the PPNet pane below its header into the task-layer rows and the read-out of the layer
  /// under the cursor: a title row, the per-unit values (at full resolution when the rows allow),
  /// and the most damped and most amplified units. Rows beyond what the layers need go to the
  /// read-out; the read-out is left out when fewer than three layer rows would remain.
  static func ppnetRows(_ area: Rect, state: ExplorerState) -> (Rect, Rect) {
    guard let gates = state.gates, !gates.target.ppnet.isEmpty, area.width > 0 else { return (area, .zero) }
    let layers = gates.target.ppnet.reduce(0) { $0 + $1.count }
    let widest = gates.target.ppnet.flatMap { $0.map(\.count) }.max() ?? 0
    let unitRows = max(1, (widest + area.width - 1) / area.width)
    let wanted = 1 + unitRows + 2
    let spare = area.height - layers
    let detail: Int
    if spare >= wanted {
      detail = spare
    } else if area.height - 4 >= 3 {
      detail = min(wanted, area.height - 3)
    } else {
      return (area, .zero)
    }
    let (list, rest) = area.splitTop(area.height - detail)
    return (list, rest)
  }

  /// Tab rectangles for labels in a row. When they do not fit, the labels are shortened evenly
  /// (longest first). The widths do not depend on the selected tab, so click targets stay put.
  static func tabs(labels: [String], in row: Rect) -> [Rect] {
    guard !labels.isEmpty, !row.isEmpty else { return [] }
    var widths = labels.map(\.displayWidth)
    let room = row.width - (labels.count - 1)
    while widths.reduce(0, +) > room {
      guard let longest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[longest] > 1 else {
        break
      }
      widths[longest] -= 1
    }
    var x = row.x
    return widths.map { width in
      defer { x += width + 1 }
      return Rect(x: x, y: row.y, width: width, height: 1)
    }
  }

  /// The pane at a screen position.
  public func pane(at x: Int, _ y: Int) -> Pane? {
    Pane.allCases.first { rect($0).contains(x, y) }
  }
}
