using LeBureau.Testing;

namespace LeBureau.Cli.Tests;

/// <summary>One `lebureau up` for every test class that drives the CLI against a real platform.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<EmbeddedPlatform>
{
    public const string Name = "lebureau up";
}
