using LeBureau.ApiBench;

var duration = args.Contains("--quick") ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(8);
if (!args.Contains("--live-view-only")) Console.WriteLine(await ApiBenchmarks.RunAsync(duration));
Console.WriteLine(await LiveViewBenchmarks.RunAsync(duration));
