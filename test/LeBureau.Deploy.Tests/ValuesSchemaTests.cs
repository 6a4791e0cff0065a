using LeBureau.Deploy.Tests.Infrastructure;

namespace LeBureau.Deploy.Tests;

/// <summary>values.schema.json accepts the defaults and sensible variations, and rejects what cannot work.</summary>
public sealed class ValuesSchemaTests
{
    [Fact]
    public async Task The_default_values_are_valid()
    {
        var verdict = await ValuesValidator.ValidateAsync();

        verdict.Valid.Should().BeTrue(verdict.ToString());
    }

    public static TheoryData<string, string> Accepted => new()
    {
        { "an external Redis instead of the chart's", """{"redis":{"enabled":false,"external":{"url":"redis.example:6379,password=x"}}}""" },
        { "one operator without leader election", """{"operator":{"replicas":1,"leaderElection":{"enabled":false}}}""" },
        { "the pod runtime without KubeVirt instancetypes", """{"operator":{"runtime":"pod"},"kubevirt":{"instancetypes":{"enabled":false}}}""" },
        { "the local runtime in one replica", """{"operator":{"runtime":"local","replicas":1},"kubevirt":{"instancetypes":{"enabled":false}}}""" },
        { "an Ingress with a host and TLS", """{"apiServer":{"ingress":{"enabled":true,"host":"desktops.example.com","tlsSecretName":"desktops-tls"}}}""" },
        { "existing ServiceAccounts by name", """{"serviceAccount":{"create":false,"operatorName":"ops","apiServerName":"api"},"rbac":{"create":false}}""" },
        { "watched tenant namespaces", """{"operator":{"namespaces":["alice","bob"]}}""" },
        { "a bigger max tier", """{"tiers":{"max":{"cpu":8,"memory":"32Gi","disk":"160Gi"}}}""" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Consistent_values_are_accepted(string what, string overrides)
    {
        var verdict = await ValuesValidator.ValidateAsync(overrides);

        verdict.Valid.Should().BeTrue($"{what} is a valid configuration: {verdict}");
    }

    public static TheoryData<string, string, string> Rejected => new()
    {
        { "the chart's Redis and an external URL at once", """{"redis":{"enabled":true,"external":{"url":"redis.example:6379"}}}""", "/redis" },
        { "no Redis at all", """{"redis":{"enabled":false,"external":{"url":""}}}""", "/redis" },
        { "an unknown runtime", """{"operator":{"runtime":"docker"}}""", "/operator/runtime" },
        { "a runtime in the wrong case", """{"operator":{"runtime":"KubeVirt"}}""", "/operator/runtime" },
        { "zero operator replicas", """{"operator":{"replicas":0}}""", "/operator/replicas" },
        { "zero api-server replicas", """{"apiServer":{"replicas":0}}""", "/apiServer/replicas" },
        { "replicas as a string", """{"apiServer":{"replicas":"2"}}""", "/apiServer/replicas" },
        { "two operators without leader election", """{"operator":{"replicas":2,"leaderElection":{"enabled":false}}}""", "/operator/leaderElection/enabled" },
        { "KubeVirt instancetypes with the pod runtime", """{"operator":{"runtime":"pod"}}""", "/operator/runtime" },
        { "an Ingress without a host", """{"apiServer":{"ingress":{"enabled":true}}}""", "/apiServer/ingress/host" },
        { "no ServiceAccounts and no names", """{"serviceAccount":{"create":false}}""", "/serviceAccount/operatorName" },
        { "no ServiceAccounts and only the operator's name", """{"serviceAccount":{"create":false,"operatorName":"ops"}}""", "/serviceAccount/apiServerName" },
        { "a misspelt value", """{"operator":{"replica":3}}""", "/operator" },
        { "an unknown top-level section", """{"opertor":{}}""", "" },
        { "a port out of range", """{"apiServer":{"port":70000}}""", "/apiServer/port" },
        { "a tier memory that is no quantity", """{"tiers":{"pro":{"memory":"8 gigs"}}}""", "/tiers/pro/memory" },
        { "a missing tier", """{"tiers":{"max":null}}""", "/tiers" },
        { "a lease duration that is no time span", """{"operator":{"leaderElection":{"leaseDuration":"15s"}}}""", "/operator/leaderElection/leaseDuration" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Contradictory_or_wrong_values_are_rejected_at_the_offending_value(string what, string overrides, string path)
    {
        var verdict = await ValuesValidator.ValidateAsync(overrides);

        verdict.Valid.Should().BeFalse($"{what} must be rejected");
        verdict.Errors.Select(e => e.InstancePath).Should().Contain(path, $"the error for {what} points at the value: {verdict}");
    }
}
