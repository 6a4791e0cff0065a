using LeBureau.OperatorBench;

return await Bench.RunAsync(args);
