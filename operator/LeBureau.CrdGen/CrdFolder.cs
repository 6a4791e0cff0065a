namespace LeBureau.CrdGen;

/// <summary>Reads and writes the CRD files of a folder; the only file I/O of the generator.</summary>
public static class CrdFolder
{
    /// <summary>The files the generator owns: one per kind, named plural.group.</summary>
    public const string FilePattern = "*.lebureau.io.yaml";

    /// <summary>The generated files in <paramref name="folder"/>, by file name; empty when the folder does not exist.</summary>
    public static IReadOnlyDictionary<string, string> Read(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, FilePattern).ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>Writes <paramref name="files"/> into <paramref name="folder"/> (UTF-8, no BOM) and deletes generated files that are no longer in it.</summary>
    public static void Write(string folder, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(folder);
        foreach (var stale in Read(folder).Keys.Where(name => !files.ContainsKey(name)))
        {
            File.Delete(Path.Combine(folder, stale));
        }
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
    }
}
