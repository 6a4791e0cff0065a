using k8s;

namespace LeBureau.Resources.Tests;

public class JsonRoundTripTests
{
    [Fact]
    public void A_desktop_serialises_its_tier_by_json_name_and_reads_it_back()
    {
        var desktop = new Desktop { Spec = { DisplayName = "Research", Tier = Tier.Pro } };

        var json = KubernetesJson.Serialize(desktop);

        json.Should().Contain("\"tier\":\"pro\"").And.Contain("\"apiVersion\":\"lebureau.io/v1alpha1\"");
        KubernetesJson.Deserialize<Desktop>(json).Spec.Tier.Should().Be(Tier.Pro);
    }

    [Fact]
    public void A_capability_serialises_as_its_scope_string_and_reads_it_back()
    {
        var key = new ApiKey { Spec = { Capabilities = [Capability.DesktopRead, Capability.TasksWrite] } };

        var json = KubernetesJson.Serialize(key);

        json.Should().Contain("\"capabilities\":[\"desktop:read\",\"tasks:write\"]");
        KubernetesJson.Deserialize<ApiKey>(json).Spec.Capabilities.Should().Equal(Capability.DesktopRead, Capability.TasksWrite);
    }
}
