using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class OperatorCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "operator";
}
