import Foundation
import PepnetData
import PepnetTraining

#if canImport(Glibc)
  import Glibc
#endif

/// A directory that pepnet writes whole (a bundle, a checkpoint, a dataset), always by swapping a
/// complete temporary sibling in, which removes whatever was there before. So an existing folder
/// may only be replaced when it is one that pepnet wrote, recognised strictly: nothing in it but
/// the files of its kind, among them its marker file, which decodes as pepnet's.
enum OutputKind {
  case bundle, checkpoint, dataset
  /// A dataset `pepnet import` writes (recognised by its `import.json`).
  case importedDataset

  /// "a model bundle is a directory".
  var article: String {
    switch self {
    case .bundle: "a model bundle"
    case .checkpoint: "a checkpoint"
    case .dataset, .importedDataset: "a dataset"
    }
  }

  /// "holds no model bundle".
  var noun: String {
    switch self {
    case .bundle: "model bundle"
    case .checkpoint: "pepnet checkpoint"
    case .dataset: "generated dataset"
    case .importedDataset: "imported dataset"
    }
  }

  /// "thesis.txt is not a bundle file".
  var fileNoun: String {
    switch self {
    case .bundle: "bundle file"
    case .checkpoint: "checkpoint file"
    case .dataset, .importedDataset: "dataset file"
    }
  }

  var advice: String {
    switch self {
    case .bundle: "train into a new folder"
    case .checkpoint: "give --checkpoint a new path"
    case .dataset: "generate into a new folder"
    case .importedDataset: "import into a new folder"
    }
  }

  /// The file whose content shows that pepnet wrote the folder.
  var marker: String {
    switch self {
    case .bundle: BundleManifest.fileName
    case .checkpoint: TrainingCheckpoint.stateFile
    case .dataset: "generator.json"
    case .importedDataset: ImportRecord.fileName
    }
  }

  /// Every name pepnet writes in such a folder.
  var files: Set<String> {
    switch self {
    case .bundle: return [BundleManifest.fileName, ModelBundle.pipelineFile, ModelBundle.weightsFile]
    case .checkpoint: return Set(TrainingCheckpoint.files)
    case .dataset:
      let schema = SyntheticGenerator.schema
      return [
        "schema.json", "generator.json", schema.users.file, schema.items.file, schema.splits.train,
        schema.splits.valid, schema.splits.test, GroundTruth.fileName,
      ]
    case .importedDataset: return Set(ImportedLog.files)
    }
  }

  /// An empty folder may take a bundle or a dataset; a checkpoint is removed after the run, and
  /// pepnet removes no folder it did not create.
  var acceptsAnEmptyFolder: Bool { self != .checkpoint }

  /// Whether `file` (the marker) decodes as the one pepnet writes. Only a regular file of at most
  /// 64 MB is read (a FIFO there would block, a huge file exhaust memory).
  func markerIsPepnets(_ file: String) -> Bool {
    var info = stat()
    guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= 64 << 20,
      let data = FileManager.default.contents(atPath: file)
    else { return false }
    let decoder = JSONDecoder()
    switch self {
    case .bundle: return (try? decoder.decode(BundleManifest.self, from: data)) != nil
    case .checkpoint: return (try? decoder.decode(CheckpointState.self, from: data)) != nil
    case .dataset: return (try? decoder.decode(GeneratorConfig.self, from: data)) != nil
    case .importedDataset: return (try? decoder.decode(ImportRecord.self, from: data))?.isPepnets ?? false
    }
  }

  /// "config.json is not a pepnet bundle manifest".
  var markerProblem: String {
    switch self {
    case .bundle: "\(marker) is not a pepnet bundle manifest"
    case .checkpoint: "\(marker) is not a pepnet checkpoint"
    case .dataset: "\(marker) is not pepnet's generator settings"
    case .importedDataset: "\(marker) is not pepnet import's record"
    }
  }
}

/// Checks, before any work and without changing anything, that a `kind` directory can be written
/// at `path` (as the user gave it): a new path whose nearest existing ancestor is a writable
/// directory (missing folders are created when it is saved), or an existing folder that `kind`
/// may replace; a symbolic link is followed. Returns the real path to write to.
@discardableResult
func checkOutputDirectory(_ path: String, kind: OutputKind) throws -> String {
  let real = RealPath.of(path)
  var info = stat()
  if lstat(real, &info) == 0 {
    let isLink = lstatIsLink(path)
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      try checkReplaceable(existing: real, shownAs: path, kind: kind)
      return real
    case S_IFLNK:
      // `realpath` stops at a link only when its target does not exist.
      throw CommandError(
        "\(path): a symbolic link to \(linkTarget(real)), which does not exist; give a folder or a new path")
    default:
      if isLink {
        throw CommandError(
          "\(path): a symbolic link to \(real), which is not a directory (\(kind.article) is a directory)")
      }
      throw CommandError("\(path): exists and is not a directory (\(kind.article) is a directory)")
    }
  }
  try checkCreatable(real, shownAs: path)
  return real
}

/// An existing folder: not a mount point (it is replaced by a rename), and empty or `kind`'s own.
private func checkReplaceable(existing real: String, shownAs path: String, kind: OutputKind) throws {
  var own = stat()
  var parent = stat()
  if real == "/"
    || (stat(real, &own) == 0 && stat(RealPath.parent(of: real), &parent) == 0 && own.st_dev != parent.st_dev)
  {
    throw CommandError(
      "\(path): a mount point, which cannot be replaced (\(kind.article) is swapped in by a rename); give a"
        + " folder inside it")
  }
  let entries: [String]
  do { entries = try FileManager.default.contentsOfDirectory(atPath: real).sorted() } catch {
    throw CommandError("\(path): cannot list it: \(FileAccess.readProblem(real) ?? "\(error)")")
  }
  guard !entries.isEmpty else {
    if kind.acceptsAnEmptyFolder { return }
    throw CommandError(
      "\(path): the folder holds no \(kind.noun) (it is empty, and pepnet removes its checkpoint after the"
        + " run); \(kind.advice)")
  }
  let reason: String
  if !entries.contains(kind.marker) {
    reason = "no \(kind.marker)"
  } else if let foreign = entries.first(where: { !kind.files.contains($0) }) {
    reason = "\(foreign) is not a \(kind.fileNoun)"
  } else if !kind.markerIsPepnets(real + "/" + kind.marker) {
    reason = kind.markerProblem
  } else {
    return
  }
  throw CommandError("\(path): the folder is not empty and holds no \(kind.noun) (\(reason)); \(kind.advice)")
}

/// A new path: its nearest existing ancestor must be a directory this process may write in.
private func checkCreatable(_ real: String, shownAs path: String) throws {
  var ancestor = RealPath.parent(of: real)
  var info = stat()
  while lstat(ancestor, &info) != 0 && errno == ENOENT && ancestor != "/" {
    ancestor = RealPath.parent(of: ancestor)
  }
  guard stat(ancestor, &info) == 0 else {
    throw CommandError("\(path): cannot create it: \(ancestor): \(String(cString: strerror(errno)))")
  }
  guard (info.st_mode & S_IFMT) == S_IFDIR else {
    throw CommandError("\(path): cannot create it: \(ancestor) is not a directory")
  }
  guard access(ancestor, W_OK | X_OK) == 0 else {
    throw CommandError("\(path): cannot create it: \(ancestor): \(String(cString: strerror(errno)))")
  }
}

private func lstatIsLink(_ path: String) -> Bool {
  var trimmed = path
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
  var info = stat()
  return lstat(trimmed, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}

/// Where the (dangling) link at the real path `link` points, as an absolute path.
private func linkTarget(_ link: String) -> String {
  guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return "?" }
  return target.hasPrefix("/") ? target : RealPath.parent(of: link) + "/" + target
}
