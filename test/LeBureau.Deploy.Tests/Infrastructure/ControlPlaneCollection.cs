using LeBureau.Testing;

namespace LeBureau.Deploy.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control plane";
}
