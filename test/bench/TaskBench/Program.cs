using LeBureau.TaskBench;

return await Bench.RunAsync(args);
