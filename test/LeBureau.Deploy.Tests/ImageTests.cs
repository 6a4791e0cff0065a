using System.Text.RegularExpressions;
using LeBureau.Testing;

namespace LeBureau.Deploy.Tests;

/// <summary>
/// The Dockerfiles cannot be built here (no container engine): check what can go wrong without one —
/// a copied path that no longer exists, a file the ignore list keeps out of the context, a root user.
/// </summary>
public sealed partial class ImageTests
{
    public static TheoryData<string> RootContextDockerfiles => new() { "operator/Dockerfile", "api-server/Dockerfile", "desktop-agent/Dockerfile" };

    private static string[] Lines(string dockerfile) => File.ReadAllLines(RepoPaths.Of(dockerfile.Split('/')));

    /// <summary>Sources of COPY/ADD lines that copy from the build context (not --from another stage).</summary>
    private static IEnumerable<string> ContextSources(string dockerfile) =>
        Lines(dockerfile).Select(l => CopyLine().Match(l)).Where(m => m.Success)
            .SelectMany(m => m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));

    [Theory]
    [MemberData(nameof(RootContextDockerfiles))]
    public void Every_copied_path_exists_in_the_repository(string dockerfile)
    {
        var sources = ContextSources(dockerfile).ToList();

        sources.Should().NotBeEmpty();
        sources.Where(s => !File.Exists(RepoPaths.Of(s.TrimEnd('/').Split('/'))) && !Directory.Exists(RepoPaths.Of(s.TrimEnd('/').Split('/'))))
            .Should().BeEmpty($"{dockerfile} is built from the repository root");
    }

    [Theory]
    [MemberData(nameof(RootContextDockerfiles))]
    public void Every_project_the_image_publishes_and_references_is_copied(string dockerfile)
    {
        var published = Lines(dockerfile).Select(l => PublishLine().Match(l)).Single(m => m.Success).Groups["project"].Value;
        var sources = ContextSources(dockerfile).Select(s => s.TrimEnd('/')).ToList();

        ProjectClosure(published).Where(project => !sources.Any(s => project.StartsWith(s + "/", StringComparison.Ordinal)))
            .Should().BeEmpty($"{dockerfile} copies every project that {published} needs");
    }

    /// <summary><paramref name="project"/> (a path from the repository root) and every project it references, transitively.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            var text = File.ReadAllText(RepoPaths.Of(next.Split('/')));
            var folder = Path.GetDirectoryName(next)!;
            foreach (Match reference in ProjectReference().Matches(text))
            {
                var full = Path.GetFullPath(Path.Combine("/", folder, reference.Groups["path"].Value.Replace('\\', '/')));
                pending.Push(full.TrimStart('/'));
            }
        }
        return seen;
    }

    [Theory]
    [MemberData(nameof(RootContextDockerfiles))]
    public void The_ignore_file_lets_every_copied_path_into_the_context(string dockerfile)
    {
        var kept = File.ReadAllLines(RepoPaths.Of((dockerfile + ".dockerignore").Split('/')))
            .Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();

        kept.Should().NotBeEmpty();
        ContextSources(dockerfile).Where(s => !kept.Any(k => s.TrimEnd('/') == k || s.StartsWith(k + "/", StringComparison.Ordinal)))
            .Should().BeEmpty($"{dockerfile}.dockerignore ignores everything else");
    }

    [Theory]
    [MemberData(nameof(RootContextDockerfiles))]
    public void The_final_stage_is_built_by_the_sdk_and_runs_as_a_non_root_user(string dockerfile)
    {
        var lines = Lines(dockerfile);
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var finalStage = lines.SkipWhile(l => l != stages[^1]).ToList();
        var user = finalStage.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));

        stages.Should().HaveCountGreaterThanOrEqualTo(2).And.Contain(s => s.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", StringComparison.Ordinal));
        stages[^1].Should().NotContain("/sdk:", "the SDK stays in the build stage");
        user.Should().NotBeNull($"{dockerfile} sets USER in its final stage");
        user!["USER ".Length..].Split(':')[0].Should().NotBe("0").And.NotBe("root");
    }

    [Fact]
    public void The_containerdisk_holds_only_the_disk_owned_by_qemu()
    {
        var lines = Lines("desktop-agent/containerdisk/Dockerfile").Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        lines.Should().Equal("FROM scratch", "ADD --chown=107:107 disk.qcow2 /disk/");
    }

    [Fact]
    public void The_desktop_entrypoint_starts_the_display_the_session_and_then_the_agent()
    {
        var script = File.ReadAllText(RepoPaths.Of("desktop-agent", "entrypoint.sh"));

        script.Should().StartWith("#!/bin/sh");
        script.IndexOf("Xvfb", StringComparison.Ordinal).Should().BeLessThan(script.IndexOf("xfce4-session", StringComparison.Ordinal));
        script.Should().Contain("exec /opt/lebureau/agent/LeBureau.DesktopAgent").And.Contain("--Agent:TokenFile=");
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"^(COPY|ADD)\s+(?!--from)(?:--[a-z]+=\S+\s+)*(?<args>.+)$")]
    private static partial Regex CopyLine();
}
