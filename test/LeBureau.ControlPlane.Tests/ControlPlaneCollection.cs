using LeBureau.Testing;

namespace LeBureau.ControlPlane.Tests;

[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control plane";
}
