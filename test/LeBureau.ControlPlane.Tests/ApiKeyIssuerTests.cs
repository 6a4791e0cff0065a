using LeBureau.Resources;
using LeBureau.Testing;

namespace LeBureau.ControlPlane.Tests;

/// <summary>ApiKeyIssuer against a real kube-apiserver with no operator running (issuing is covered with the operator in the api-server tests).</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ApiKeyIssuerTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Without_an_operator_the_wait_ends_at_the_deadline_naming_the_key()
    {
        var ns = await fixture.CreateNamespaceAsync("issuer");
        var issue = () => ApiKeyIssuer.IssueAsync(fixture.Client, ns, "orphan",
            new ApiKey.ApiKeySpec { Capabilities = [Capability.DesktopRead] }, TimeSpan.FromSeconds(1));

        (await issue.Should().ThrowAsync<TimeoutException>()).WithMessage($"ApiKey {ns}/orphan was not issued within 1 s*");
    }
}
