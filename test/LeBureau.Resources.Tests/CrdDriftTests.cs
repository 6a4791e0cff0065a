using LeBureau.CrdGen;

namespace LeBureau.Resources.Tests;

public class CrdDriftTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["a.lebureau.io.yaml"] = "kind: A\ntype: object\n",
        ["b.lebureau.io.yaml"] = "kind: B\n",
    };

    [Fact]
    public void Identical_files_have_no_drift()
    {
        CrdDrift.Describe(Expected, new Dictionary<string, string>(Expected)).Should().BeEmpty();
    }

    [Fact]
    public void Drift_names_missing_changed_and_stale_files()
    {
        var actual = new Dictionary<string, string>
        {
            ["a.lebureau.io.yaml"] = "kind: A\ntype: string\n",
            ["old.lebureau.io.yaml"] = "kind: Old\n",
        };

        CrdDrift.Describe(Expected, actual).Should().Equal(
            "a.lebureau.io.yaml: differs from line 2: expected 'type: object', found 'type: string'",
            "b.lebureau.io.yaml: missing",
            "old.lebureau.io.yaml: no resource type generates it any more");
    }
}
