namespace LeBureau.Resources.Schema;

/// <summary>Short names that kubectl accepts for the resource (e.g. <c>kubectl get dt</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    /// <summary>The short names.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
