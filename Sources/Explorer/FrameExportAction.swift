import Foundation

/// Issue 14 item 6, a frame for the slides: the frame on screen as SVG and HTML, with the file
/// names it will be written under. Built purely by `Explorer.update` (`x`); written by
/// `FrameExportWriter` as an effect, off the input thread.
public struct FrameExportRequest: Equatable, Sendable {
  /// The directory written into (the working directory by default).
  public var directory: String
  /// The start of both file names, e.g. `pepnet-u0-featured`; `-N.svg` and `-N.html` follow.
  public var stem: String
  public var svg: String
  public var html: String

  public init(directory: String, stem: String, svg: String, html: String) {
    self.directory = directory
    self.stem = stem
    self.svg = svg
    self.html = html
  }

  /// `pepnet-<user>-<domain>`, with every character but letters, digits, `-` and `_` replaced by
  /// `_` (ids and names come from files), at most 80 characters.
  public static func stem(user: String, domain: String) -> String {
    func safe(_ text: String) -> String {
      String(
        text.unicodeScalars.prefix(36).map { s -> Character in
          s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_")
            ? Character(s) : "_"
        })
    }
    return "pepnet-\(safe(user))-\(safe(domain))"
  }
}

/// Writes a `FrameExportRequest`: both files atomically (a temporary file in the same directory,
/// then a hard link to the final name, which fails rather than replace an existing file), under
/// the first number `N` for which neither `stem-N.svg` nor `stem-N.html` exists. Never throws:
/// the outcome is an action, the paths written or one line saying what failed.
public enum FrameExportWriter {
  public static func write(_ request: FrameExportRequest) -> Action {
    let directory = request.directory.isEmpty ? "." : request.directory
    for n in 1...9999 {
      let svg = "\(directory)/\(request.stem)-\(n).svg"
      let html = "\(directory)/\(request.stem)-\(n).html"
      if exists(svg) || exists(html) { continue }
      switch create(svg, contents: request.svg) {
      case .exists: continue
      case .failed(let reason): return .frameExportFailed(reason)
      case .written: break
      }
      switch create(html, contents: request.html) {
      case .exists:
        unlink(svg)
        continue
      case .failed(let reason):
        unlink(svg)
        return .frameExportFailed(reason)
      case .written: return .frameExported(paths: [svg, html])
      }
    }
    return .frameExportFailed("\(directory): no free name for \(request.stem)-N.svg")
  }

  private enum Outcome { case written, exists, failed(String) }

  private static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Writes `contents` to a new file at `path`, never replacing one.
  private static func create(_ path: String, contents: String) -> Outcome {
    let temporary = "\(path).\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { return .failed("\(temporary): \(String(cString: strerror(errno)))") }
    let bytes = Array(contents.utf8)
    let total = bytes.count
    var offset = 0
    while offset < total {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, total - offset) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(temporary)
        return .failed("\(path): \(reason)")
      }
      offset += n
    }
    if fsync(fd) != 0 || close(fd) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      return .failed("\(path): \(reason)")
    }
    defer { unlink(temporary) }
    if link(temporary, path) != 0 {
      return errno == EEXIST ? .exists : .failed("\(path): \(String(cString: strerror(errno)))")
    }
    return .written
  }
}

extension Effect {
  /// Whether the effect writes a file (never superseded by a later request, unlike model work).
  public var isFileWrite: Bool {
    if case .exportFrame = self { return true }
    return false
  }
}

extension Explorer {
  /// "wrote ./pepnet-u0-featured-1.svg + .html": the status bar's note after an export.
  static func exportNote(_ paths: [String]) -> String {
    guard let first = paths.first else { return "wrote nothing" }
    // The other files share the first one's name up to its extension: only their extensions.
    let stem = first.lastIndex(of: ".").map { first[..<$0] } ?? Substring(first)
    let rest = paths.dropFirst().map { path in
      path.hasPrefix(stem + ".") ? String(path.dropFirst(stem.count)) : path
    }
    return (["wrote \(first)"] + rest).joined(separator: " + ")
  }

  /// `x`: the frame on screen, as it is now, queued to be written as SVG and HTML.
  static func queueExport(_ s: inout ExplorerState) {
    let grid = view(s)
    let user = s.catalog.users.indices.contains(s.user) ? s.catalog.users[s.user].id : "user"
    let domain = s.catalog.domains.indices.contains(s.domain) ? s.catalog.domains[s.domain] : "domain"
    s.queuedExport = FrameExportRequest(
      directory: s.exportDirectory, stem: FrameExportRequest.stem(user: user, domain: domain),
      svg: FrameFormat.svg.render(grid), html: FrameFormat.html.render(grid))
  }
}
