namespace LeBureau.DesktopAgent.Tests.Infrastructure;

/// <summary>Tests that share one 1920×1080 Xvfb and one agent; they run one after another because they share the screen.</summary>
[CollectionDefinition(Name)]
public sealed class WideDesktopCollection : ICollectionFixture<WideDesktopFixture>
{
    public const string Name = "wide desktop";
}
