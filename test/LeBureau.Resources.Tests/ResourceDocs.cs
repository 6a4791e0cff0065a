using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

/// <summary>The XML docs of LeBureau.Resources, loaded once.</summary>
public static class ResourceDocs
{
    /// <summary>The summaries the CRD descriptions come from.</summary>
    public static XmlDocs Value { get; } = XmlDocs.For(typeof(Desktop).Assembly);
}
