import ArgumentParser
import Foundation
import PepnetExplorer
import PepnetText

/// `pepnet explore [BUNDLE]`: the live terminal view of rankings and EPNet/PPNet gates.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Explore a model's rankings and EPNet/PPNet gates in the terminal.",
    discussion: """
      --snapshot prints one frame as text.

      Keys, from the explorer's key map (? shows them in the explorer):


      """ + KeyTable.plainText(KeyContext.allCases))

  @Argument(help: "Model bundle directory.")
  var bundle: String = "sample-data/model"

  @Flag(help: "Print one frame as plain text and exit (no terminal needed).")
  var snapshot = false

  @Option(help: "Snapshot: user id to select.")
  var user: String?

  @Option(help: "Snapshot: domain name to select.")
  var domain: String?

  @Option(help: "Snapshot: item id to highlight.")
  var item: String?

  @Option(help: "Snapshot: frame size as WIDTHxHEIGHT.")
  var size: String = "120x40"

  @Option(help: "Blend weights to start with, e.g. like=1,hate=-2 (each in -5...5; unnamed tasks get 0).")
  var weights: String?

  @Flag(help: "Snapshot: ASCII glyphs instead of Unicode blocks.")
  var ascii = false

  @Option(help: "Snapshot: text, ansi (colours as SGR codes), svg or html (colours, for slides).")
  var format: FrameFormat?

  @Flag(help: .hidden)
  var synthetic = false

  func validate() throws {
    guard let frame = ExploreCommand.parseSize(size) else {
      throw ValidationError("--size must look like 120x40, got '\(size)'")
    }
    let minimum = ExplorerLayout.minimum
    if snapshot && (frame.width < minimum.width || frame.height < minimum.height) {
      throw ValidationError("--size must be at least \(minimum.width)x\(minimum.height), got '\(size)'")
    }
    if let weights {
      _ = try BlendWeightsOption.parse(weights)
    }
    if !snapshot && (user != nil || domain != nil || item != nil) {
      throw ValidationError("--user, --domain and --item apply to --snapshot")
    }
    if !snapshot && format != nil { throw ValidationError("--format applies to --snapshot") }
  }

  func run() throws {
    var source: ExplorerDataSource
    do {
      if synthetic {
        source = SyntheticExplorerSource()
      } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isDirectory), isDirectory.boolValue
        else {
          throw CommandError("no model bundle at '\(bundle)' (pass a bundle directory)")
        }
        source = try loadExplorerSource(bundlePath: bundle)
      }
      if let weights {
        source = ReweightedSource(
          source, weights: try BlendWeights(parsing: weights).weights(for: source.tasks))
      }
    } catch {
      ExploreCommand.fail("\(error)", status: 1)
    }
    if snapshot {
      let options = ExplorerSnapshot.Options(
        user: user, domain: domain, item: item, size: ExploreCommand.parseSize(size)!,
        glyphs: ascii ? .ascii : .unicode)
      do {
        let frame = Explorer.view(try ExplorerSnapshot.state(source: source, options: options))
        switch format ?? .text {
        case .text: print(FrameFormat.text.render(frame))
        // Written as they are: the escapes are the colours; the frame has no control characters.
        case let other: try StandardOutput.write(other.render(frame))
        }
      } catch {
        ExploreCommand.fail("\(error)", status: 1)
      }
      return
    }
    if let problem = ExplorerRuntime.terminalProblem() {
      ExploreCommand.fail(problem, status: 2)
    }
    let status = ExplorerRuntime.run(source: source)
    if status != 0 { Foundation.exit(status) }
  }

  static func parseSize(_ text: String) -> GridSize? {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000
    else {
      return nil
    }
    return GridSize(width: w, height: h)
  }

  /// Prints one line to stderr and exits (the terminal has not been taken over yet).
  static func fail(_ message: String, status: Int32) -> Never {
    writeToStandardError("pepnet explore: \(oneLine(message).escapingControlCharacters())\n")
    Foundation.exit(status)
  }
}

extension FrameFormat: ExpressibleByArgument {}
