using LeBureau.StartBench;

return await Bench.RunAsync(args);
