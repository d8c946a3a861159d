extension Explorer {
  /// `w`: opens the what-if editor on the selected user's profile and the context, or closes it
  /// (the edits stay, marked, until reverted with `r` in the editor or another user is selected).
  /// While it is open its keys are the `whatif` context's (`KeyMap`).
  static func toggleWhatIf(_ s: inout ExplorerState) {
    guard !s.catalog.editableFeatures.isEmpty else { return }
    s.whatIfOpen.toggle()
    s.whatIfCursor = min(s.whatIfCursor, s.catalog.editableFeatures.count - 1)
  }

  /// Moves the editor's cursor `delta` features on, stopping at the first and last.
  static func moveWhatIfCursor(_ s: inout ExplorerState, _ delta: Int) {
    let count = s.catalog.editableFeatures.count
    s.whatIfCursor = min(max(0, s.whatIfCursor + delta), max(0, count - 1))
  }

  /// The value of editable feature `feature` for the selected user: the edit, else the user's
  /// own profile value (or, for a context value, its default).
  public static func whatIfValue(_ s: ExplorerState, feature: EditableFeature) -> String? {
    if let edit = s.edits.first(where: { $0.name == feature.name }) { return edit.value }
    return originalValue(s, feature: feature)
  }

  /// What the feature is without edits.
  public static func originalValue(_ s: ExplorerState, feature: EditableFeature) -> String? {
    if feature.isContext { return feature.defaultValue }
    guard s.catalog.users.indices.contains(s.user) else { return nil }
    return s.catalog.users[s.user].features.first { $0.name == feature.name }?.value
  }

  /// Moves the feature under the editor's cursor `delta` values on (wrapping round its values);
  /// back at the original value the edit is dropped, so "no edits" is always the user's own ranking.
  static func stepWhatIfValue(_ s: inout ExplorerState, _ delta: Int) {
    guard s.catalog.editableFeatures.indices.contains(s.whatIfCursor) else { return }
    let feature = s.catalog.editableFeatures[s.whatIfCursor]
    guard !feature.values.isEmpty else { return }
    let current = whatIfValue(s, feature: feature).flatMap { feature.values.firstIndex(of: $0) } ?? -1
    let n = feature.values.count
    let next = ((current + delta) % n + n) % n
    setEdit(&s, name: feature.name, value: feature.values[next])
  }

  /// Sets one edit (replacing an earlier edit of the same feature), in the order of
  /// `editableFeatures`, so that the same edits always make the same request.
  public static func setEdit(_ s: inout ExplorerState, name: String, value: String) {
    guard let feature = s.catalog.editableFeatures.first(where: { $0.name == name }) else { return }
    var edits = s.edits.filter { $0.name != name }
    if value != originalValue(s, feature: feature) { edits.append(ProfileField(name: name, value: value)) }
    let order = s.catalog.editableFeatures.map(\.name)
    s.edits = edits.sorted { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
  }
}
