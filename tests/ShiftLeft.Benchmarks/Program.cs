using ShiftLeft.Benchmarks;

return args.Length > 0 && args[0] == "probe" ? Probe.Run(args.Skip(1).ToArray()) : 0;
