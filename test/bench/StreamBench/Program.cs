using LeBureau.StreamBench;

return await Bench.RunAsync(args);
