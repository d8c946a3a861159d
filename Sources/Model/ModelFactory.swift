/// Builds the model an architecture names, with freshly initialised weights.
public enum ModelFactory {
  public static func make(config: ModelConfig, seed: UInt64) -> RecommenderModel {
    switch config.architecture {
    case .pepnet, .epnetOnly, .ppnetOnly, .pepnetNoStopGradient, .pepnetPriorGatesOnly:
      PEPNet(config: config, seed: seed)
    case .dnn: DNNModel(config: config, seed: seed)
    case .sharedBottom: SharedBottomModel(config: config, seed: seed)
    case .mmoe: MMoEModel(config: config, seed: seed)
    case .ple: PLEModel(config: config, seed: seed)
    }
  }
}
