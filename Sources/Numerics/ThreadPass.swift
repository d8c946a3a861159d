#if canImport(Glibc)
  import Glibc
#endif

/// A thread-local slot for the pass of one kind (`BF16Inference`, `BF16Training`) in progress on the
/// calling thread: the model's layers look their pass up here, so that the model and its replicas
/// stay precision-free and fp32 runs exactly the code it always did. One slot per pass kind.
final class ThreadPassSlot<Pass: AnyObject>: @unchecked Sendable {
  private let key: pthread_key_t

  init() {
    var key = pthread_key_t()
    // Called outside `precondition`: -Ounchecked (release) does not evaluate its condition, and
    // every pass kind would share key 0.
    let created = pthread_key_create(&key, nil)
    precondition(created == 0, "pthread_key_create failed")
    self.key = key
  }

  /// Runs `body` with `pass` current on the calling thread (nestable; restores the previous one).
  func run<T>(_ pass: Pass, _ body: () throws -> T) rethrows -> T {
    let previous = pthread_getspecific(key)
    pthread_setspecific(key, Unmanaged.passUnretained(pass).toOpaque())
    defer { pthread_setspecific(key, previous) }
    return try body()
  }

  /// The pass current on this thread, or nil.
  @inline(__always) var current: Pass? {
    guard let raw = pthread_getspecific(key) else { return nil }
    return Unmanaged<Pass>.fromOpaque(raw).takeUnretainedValue()
  }
}
