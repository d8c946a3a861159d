// Inference layer: ranking and gate read-out shared by the CLI and the explorer.
