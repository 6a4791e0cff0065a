using LeBureau.ApiBench;

var report = await ApiBenchmarks.RunAsync(args.Contains("--quick") ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(8));
Console.WriteLine(report);
