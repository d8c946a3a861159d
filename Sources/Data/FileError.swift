/// A problem with a file (a bundle's, a dataset's, a checkpoint's): one line, `path: problem`.
///
/// The one error for a whole file that is wrong; a problem at a line and column of a CSV file is a
/// `DataError`.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file (or folder) at fault, as the person named it.
  public var path: String
  /// What is wrong with it, in words.
  public var problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { "\(path): \(problem)" }
}
