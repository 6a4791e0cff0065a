using LeBureau.ChatBench;

Console.WriteLine(await StepBench.RunAsync(steps: args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200));
