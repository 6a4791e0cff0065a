using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LeBureau.CrdGen;

/// <summary>Turns an XML doc element into the one-line plain text a CRD description holds.</summary>
public static partial class DocText
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The text of <paramref name="element"/>: code kept as text, cross-references as short names, whitespace collapsed.</summary>
    public static string Flatten(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return Whitespace().Replace(Inner(element), " ").Trim();
    }

    private static string Inner(XElement element) => string.Concat(element.Nodes().Select(Render));

    private static string Render(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see => Reference(see),
        XElement { Name.LocalName: "paramref" or "typeparamref" } name => (string?)name.Attribute("name") ?? "",
        XElement element => Inner(element),
        _ => "",
    };

    private static string Reference(XElement see)
    {
        var inner = Inner(see);
        if (inner.Length > 0)
        {
            return inner;
        }
        return (string?)see.Attribute("cref") is { } cref ? ShortName(cref) : (string?)see.Attribute("langword") ?? "";
    }

    // "M:LeBureau.Resources.Duration.TryParse(System.String)" reads as "TryParse"; "T:System.Collections.Generic.IList`1" as "IList".
    private static string ShortName(string cref)
    {
        var name = cref.Contains(':') ? cref[(cref.IndexOf(':') + 1)..] : cref;
        name = name.Split('(')[0].Split('`')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
