import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `/dev/zero` as an input file (through a symbolic link): refused in one line, where it used to
/// say "You don't have permission" (schema.json, as root), grow a buffer without bound (a CSV)
/// or read a bundle's JSON forever. Not rows of `ErrorCaseTests.failsWithOneLine` because the
/// link must be removed before the case directory is: `Scratch.remove` restores permissions with
/// `chmod`, which follows a link and would change the device itself.
@Suite struct DeviceInputTests {
  static let cases: [(file: String, bundle: Bool, message: String)] = [
    ("d/schema.json", false, "{d}/d/schema.json: cannot read: not a regular file (it is a character device)"),
    (
      "d/users.csv", false, "{d}/d/users.csv: cannot open file: not a regular file (it is a character device)"
    ),
    ("b/config.json", true, "{d}/b/config.json: not a regular file (it is a character device)"),
  ]

  @Test(arguments: cases.indices)
  func devZeroIsRefusedInOneLine(_ index: Int) throws {
    let c = Self.cases[index]
    let fixture = try ErrorFixture.shared.get()
    let scratch = try Scratch(fixture: fixture, name: "dev_zero_\(index)")
    defer { scratch.remove() }
    let arguments: [String]
    if c.bundle {
      arguments = ["rank", "--model", try scratch.copyModel(), "--user", "u1", "--domain", "featured"]
    } else {
      arguments = [
        "train", "--data", try scratch.copyData(), "--out", scratch.path("out"), "--epochs", "1", "--tower",
        "8",
        "--emb-dim", "4",
      ]
    }
    try scratch.remove(c.file)
    try FileManager.default.createSymbolicLink(atPath: scratch.path(c.file), withDestinationPath: "/dev/zero")
    defer { unlink(scratch.path(c.file)) }
    let before = scratch.listing()
    let r = try fixture.run(arguments)
    #expect(r.status == 1, "exit status; stderr: \(r.stderr)")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.last == "pepnet: " + scratch.expand(c.message), "stderr: \(r.stderr)")
    #expect(lines.dropLast().allSatisfy { !$0.hasPrefix("pepnet") }, "one error line: \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(scratch.listing() == before, "no file written or removed next to the inputs")
  }
}
