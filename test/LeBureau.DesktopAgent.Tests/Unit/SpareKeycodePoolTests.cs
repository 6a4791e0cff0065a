using LeBureau.DesktopAgent.Input;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class SpareKeycodePoolTests
{
    [Fact]
    public void A_keysym_already_installed_is_reused_without_remapping()
    {
        var pool = new SpareKeycodePool([200, 201]);
        pool.Assign(0xe9).Should().Be(new SpareAssignment(200, NeedsRemap: true, Evicts: false));
        pool.Assign(0xe9).Should().Be(new SpareAssignment(200, NeedsRemap: false, Evicts: false));
    }

    [Fact]
    public void When_spares_run_out_the_least_recently_used_is_evicted()
    {
        var pool = new SpareKeycodePool([200, 201]);
        pool.Assign(1);
        pool.Assign(2);
        pool.Assign(1);
        pool.Assign(3).Should().Be(new SpareAssignment(201, NeedsRemap: true, Evicts: true));
    }

    [Fact]
    public void Release_returns_every_installed_keycode_and_empties_the_pool()
    {
        var pool = new SpareKeycodePool([200, 201]);
        pool.Assign(1);
        pool.Assign(2);
        pool.Release().Should().BeEquivalentTo([200, 201]);
        pool.Installed.Should().BeEmpty();
    }

    [Fact]
    public void No_spare_keycode_means_no_assignment()
    {
        new SpareKeycodePool([]).Assign(1).Should().BeNull();
    }
}
