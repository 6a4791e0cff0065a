using System.Net;
using System.Text.RegularExpressions;
using k8s;
using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Tests.Integration;

/// <summary>The operator's ApiKey controller, as the api-server relies on it.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ApiKeyControllerTests(ApiServerFixture fixture)
{
    [GeneratedRegex("^sk_live_[0-9A-Za-z]{43,}$")]
    private static partial Regex KeyFormat();

    [Fact]
    public async Task A_key_is_issued_once_into_an_owned_Secret_and_only_its_hash_is_kept()
    {
        var ns = await fixture.CreateNamespaceAsync("issue");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "issued");
        KeyFormat().IsMatch(key).Should().BeTrue(key[..12]);

        var resource = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, "issued");
        resource.Status.Hash.Should().Be(ApiKeyHash.Of(key));
        resource.Status.Prefix.Should().Be(key[..12]);
        resource.Status.Phase.Should().Be(ApiKeyPhase.Active);
        resource.Status.Conditions.Should().ContainSingle(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True);
        var json = (await fixture.Kubectl.RunAsync($"-n {ns} get apikey issued -o json")).StdOut;
        json.Should().NotContain(key);

        var secret = await fixture.Client.ReadNamespacedSecretAsync(resource.Status.SecretName, ns);
        secret.Metadata.OwnerReferences.Should().ContainSingle(o => o.Uid == resource.Metadata.Uid);
        (await fixture.CreateClient(key).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Deleting the one-time Secret after reading it keeps the key working, also through a later reconcile (a spec change).
        await fixture.Client.DeleteNamespacedSecretAsync(resource.Status.SecretName, ns);
        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey issued --type=merge -p {{\"spec\":{{\"description\":\"secret read and deleted\"}}}}");
        var reconciled = await WaitFor.ConditionAsync(async ct =>
            (await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, "issued", ct))
            is { Status.ObservedGeneration: var seen, Metadata.Generation: var generation } && seen == generation, TimeSpan.FromSeconds(10));
        reconciled.Should().BeTrue();
        (await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, "issued"))
            .Status.Hash.Should().Be(ApiKeyHash.Of(key), "the key is issued once, not again");
        (await fixture.CreateClient(key).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ApiKey_recreated_under_the_name_of_a_deleted_one_gets_a_new_key_never_the_old_one()
    {
        var ns = await fixture.CreateNamespaceAsync("rename");
        var first = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "same");
        // Orphan the Secret, as a garbage collector that has not caught up yet would leave it.
        await fixture.Kubectl.RunAsync($"-n {ns} delete apikey same --cascade=orphan --wait=true");
        (await fixture.Client.ReadNamespacedSecretAsync(ApiKeyReconcilerSecret("same"), ns)).Should().NotBeNull();

        var second = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "same");

        second.Should().NotBe(first);
        (await fixture.CreateClient(second).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.CreateClient(first).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string ApiKeyReconcilerSecret(string apiKey) => LeBureau.Operator.ApiKeys.ApiKeyReconciler.SecretName(apiKey);

    [Fact]
    public async Task Revoking_sets_phase_Revoked_and_the_Ready_condition_false()
    {
        var ns = await fixture.CreateNamespaceAsync("revoked");
        await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "r");
        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey r --type=merge -p {{\"spec\":{{\"revoked\":true}}}}");
        var revoked = await WaitFor.ConditionAsync(async ct =>
        {
            var key = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, "r", cancellationToken: ct);
            return key.Status.Phase == ApiKeyPhase.Revoked
                && key.Status.Conditions!.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.False && c.Reason == ConditionReasons.Revoked);
        }, TimeSpan.FromSeconds(10));
        revoked.Should().BeTrue();
    }

    [Fact]
    public async Task A_key_expires_at_its_time_through_a_requeue()
    {
        var ns = await fixture.CreateNamespaceAsync("expiry");
        var key = await fixture.CreateKeyAsync(ns, [Capability.DesktopRead], name: "short");
        var expiry = DateTime.UtcNow.AddSeconds(3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await fixture.Kubectl.RunAsync($"-n {ns} patch apikey short --type=merge -p {{\"spec\":{{\"expiresAt\":\"{expiry}\"}}}}");
        var expired = await WaitFor.ConditionAsync(async ct =>
            (await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, "short", cancellationToken: ct))
                .Status.Phase == ApiKeyPhase.Expired, TimeSpan.FromSeconds(15));
        expired.Should().BeTrue();
        (await fixture.CreateClient(key).GetAsync("/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
