using LeBureau.AgentBench;

await using var desktop = await BenchDesktop.StartAsync();
var bench = new Benchmarks(desktop);
var report = await bench.RunAsync();
Console.WriteLine(report);
