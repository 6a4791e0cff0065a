using LeBureau.DesktopAgent.Exec;
using LeBureau.DesktopAgent.Metrics;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class MetricsParsingTests
{
    [Fact]
    public void Cpu_usage_is_the_busy_share_of_the_jiffies_between_two_samples()
    {
        var before = CpuTimes.Parse("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n");
        var after = CpuTimes.Parse("cpu  150 0 150 900 0 0 0 0 0 0\n");
        after.UsagePercentSince(before).Should().Be(50.0);
    }

    [Fact]
    public void Memory_used_is_total_minus_available_in_MiB()
    {
        var memory = UsageFigures.FromMeminfo("MemTotal:        4194304 kB\nMemFree:  100 kB\nMemAvailable:    3145728 kB\n");
        memory.Should().Be(new UsageFigures(1024, 4096, 25.0));
    }

    [Fact]
    public void Capped_buffer_keeps_the_first_bytes_and_flags_truncation()
    {
        var buffer = new CappedBuffer(4);
        buffer.Append("abc"u8);
        buffer.Append("def"u8);
        buffer.ToString().Should().Be("abcd");
        buffer.Truncated.Should().BeTrue();
    }
}
