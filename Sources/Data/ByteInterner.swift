/// Maps byte strings to dense ids (0, 1, 2... in order of first appearance) without creating a
/// `String` per lookup: the CSV hot path interns raw field bytes, then resolves each distinct id
/// once. Open addressing over a power-of-two table; keys live in one contiguous arena.
public struct ByteInterner {
  private var arena: [UInt8] = []
  private var starts: [Int32] = []
  private var lengths: [Int32] = []
  private var hashes: [UInt64] = []
  /// Slot -> id + 1 (0 = empty).
  private var slots: [Int32]
  private var mask: Int

  public init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// Number of distinct keys.
  public var count: Int { starts.count }

  @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h ^ (h >> 29)
  }

  /// The id of `bytes`, adding it if new.
  @inline(__always) public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let h = ByteInterner.hash(bytes)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      let id = Int(entry - 1)
      if hashes[id] == h && equals(id, bytes) { return Int32(id) }
      slot = (slot + 1) & mask
    }
    let id = Int32(starts.count)
    starts.append(Int32(arena.count))
    lengths.append(Int32(bytes.count))
    hashes.append(h)
    arena.append(contentsOf: bytes)
    slots[slot] = id + 1
    if starts.count * 2 > slots.count { grow() }
    return id
  }

  /// The id of `bytes` if present.
  public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    let h = ByteInterner.hash(bytes)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      let id = Int(entry - 1)
      if hashes[id] == h && equals(id, bytes) { return Int32(id) }
      slot = (slot + 1) & mask
    }
  }

  /// Interns a Swift string.
  public mutating func intern(_ string: String) -> Int32 {
    var s = string
    return s.withUTF8 { intern($0) }
  }

  /// Looks up a Swift string.
  public func find(_ string: String) -> Int32? {
    var s = string
    return s.withUTF8 { find($0) }
  }

  /// The key of `id` as a string.
  public func string(_ id: Int32) -> String {
    let start = Int(starts[Int(id)])
    let length = Int(lengths[Int(id)])
    return arena.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + length]), as: UTF8.self)
    }
  }

  @inline(__always) private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let length = Int(lengths[id])
    if length != bytes.count { return false }
    if length == 0 { return true }
    let start = Int(starts[id])
    return arena.withUnsafeBufferPointer { a in
      memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    for id in 0..<starts.count {
      var slot = Int(truncatingIfNeeded: hashes[id]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id + 1)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
