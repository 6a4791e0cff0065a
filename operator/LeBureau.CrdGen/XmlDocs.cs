using System.Reflection;
using System.Xml.Linq;

namespace LeBureau.CrdGen;

/// <summary>The summaries of an assembly's XML documentation file, by documentation id (<c>T:…</c>, <c>P:…</c>).</summary>
public sealed class XmlDocs
{
    private readonly IReadOnlyDictionary<string, string> summaries;

    private XmlDocs(IReadOnlyDictionary<string, string> summaries) => this.summaries = summaries;

    /// <summary>Reads the summaries of <paramref name="document"/>, a compiler-generated XML doc file.</summary>
    public static XmlDocs Parse(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var summaries = document.Descendants("member")
            .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => DocText.Flatten(m.Element("summary")!), StringComparer.Ordinal);
        return new XmlDocs(summaries);
    }

    /// <summary>Loads the XML doc file that the build puts next to <paramref name="assembly"/>.</summary>
    public static XmlDocs For(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Parse(XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml")));
    }

    /// <summary>The summary of <paramref name="type"/>.</summary>
    public string Summary(Type type) => Lookup($"T:{DocName(type)}");

    /// <summary>The summary of <paramref name="property"/>.</summary>
    public string Summary(PropertyInfo property) => Lookup($"P:{DocName(property.DeclaringType!)}.{property.Name}");

    // Documentation ids write nested types with '.', where reflection writes '+'.
    private static string DocName(Type type) => type.FullName!.Replace('+', '.');

    private string Lookup(string id) =>
        summaries.TryGetValue(id, out var summary) && summary.Length > 0
            ? summary
            : throw new InvalidOperationException($"{id} has no <summary>; it becomes the CRD description that kubectl explain shows, so write one.");
}
