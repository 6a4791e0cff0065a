using LeBureau.CrdGen;
using LeBureau.Resources;

var check = args.Contains("--check");
var folders = args.Where(a => a != "--check").ToList();
if (folders.Count > 1 || folders.Any(f => f.StartsWith('-')))
{
    Console.Error.WriteLine("usage: LeBureau.CrdGen [--check] [output-folder, default crds]");
    return 2;
}
var folder = folders.FirstOrDefault() ?? "crds";
var files = CrdGenerator.Generate(XmlDocs.For(typeof(Desktop).Assembly));

if (!check)
{
    CrdFolder.Write(folder, files);
    Console.WriteLine($"Wrote {string.Join(", ", files.Keys)} to {folder}/");
    return 0;
}
var drift = CrdDrift.Describe(files, CrdFolder.Read(folder));
foreach (var line in drift)
{
    Console.WriteLine($"{folder}/{line}");
}
if (drift.Count == 0)
{
    Console.WriteLine($"{folder}/ is up to date.");
    return 0;
}
Console.WriteLine($"{folder}/ is out of date. Regenerate with: {CrdGenerator.RegenerateCommand}");
return 1;
