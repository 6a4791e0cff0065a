namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>Tests that share one Xvfb and one agent; they run one after another because they share the screen.</summary>
[CollectionDefinition(Name)]
public sealed class DesktopCollection : ICollectionFixture<DesktopFixture>
{
    public const string Name = "desktop";
}
