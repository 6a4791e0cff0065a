using LeBureau.Operator.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace LeBureau.Operator.Tests.Unit;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static async Task<string?> TryTakeAsync(WorkQueue queue)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        try { return await queue.TakeAsync(cts.Token); }
        catch (OperationCanceledException) { return null; }
    }

    [Fact]
    public async Task A_key_added_twice_is_handed_out_once()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Depth.Should().Be(1);
        (await TryTakeAsync(queue)).Should().Be("ns/a");
        (await TryTakeAsync(queue)).Should().BeNull();
    }

    [Fact]
    public async Task A_delay_beyond_what_a_timer_takes_does_not_throw_and_still_comes_due()
    {
        // The real timer: Change refuses more than 4294967294 ms (~49.7 days), which once killed the operator when an
        // ApiKey expiring in 60 days was requeued next to one expiring now.
        using (var real = new WorkQueue(TimeProvider.System))
        {
            real.AddAfter("ns/next-year", TimeSpan.FromDays(365));
            real.AddAfter("ns/soon", TimeSpan.FromMilliseconds(1));
            (await real.TakeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token)).Should().Be("ns/soon");
        }

        using var queue = new WorkQueue(_time);
        queue.AddAfter("ns/a", TimeSpan.FromDays(60));
        for (var day = 0; day < 59; day++) _time.Advance(TimeSpan.FromDays(1));
        (await TryTakeAsync(queue)).Should().BeNull("not due for another day");
        _time.Advance(TimeSpan.FromDays(1));
        (await TryTakeAsync(queue)).Should().Be("ns/a", "due after 60 days, armed a day at a time");
    }

    [Fact]
    public async Task A_key_added_while_processing_is_handed_out_again_only_after_done()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("ns/a");
        var key = await queue.TakeAsync(CancellationToken.None);
        queue.Add("ns/a");
        (await TryTakeAsync(queue)).Should().BeNull("the key is being processed");
        queue.Done(key);
        (await TryTakeAsync(queue)).Should().Be("ns/a");
    }

    [Fact]
    public async Task Same_name_in_two_namespaces_are_two_keys()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("a/x");
        queue.Add("b/x");
        new[] { await TryTakeAsync(queue), await TryTakeAsync(queue) }.Should().BeEquivalentTo(["a/x", "b/x"]);
    }

    [Fact]
    public async Task AddAfter_waits_for_the_clock_and_the_earliest_due_time_wins()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(10));
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(30));
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(5));
        queue.Waiting.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(4));
        (await TryTakeAsync(queue)).Should().BeNull();
        _time.Advance(TimeSpan.FromSeconds(1));
        (await TryTakeAsync(queue)).Should().Be("ns/a");
        queue.Waiting.Should().Be(0);
    }

    [Fact]
    public void Backoff_doubles_from_5ms_and_caps_at_1000s()
    {
        var options = new WorkQueueOptions();
        WorkQueue.Backoff(1, options).Should().Be(TimeSpan.FromMilliseconds(5));
        WorkQueue.Backoff(2, options).Should().Be(TimeSpan.FromMilliseconds(10));
        WorkQueue.Backoff(11, options).Should().Be(TimeSpan.FromMilliseconds(5 * 1024));
        WorkQueue.Backoff(40, options).Should().Be(TimeSpan.FromSeconds(1000));
        WorkQueue.Backoff(1000, options).Should().Be(TimeSpan.FromSeconds(1000));
    }

    [Fact]
    public async Task AddRateLimited_backs_off_per_key_and_forget_resets()
    {
        using var queue = new WorkQueue(_time);
        queue.AddRateLimited("ns/a").Should().Be(TimeSpan.FromMilliseconds(5));
        queue.AddRateLimited("ns/a").Should().Be(TimeSpan.FromMilliseconds(10));
        queue.Failures("ns/a").Should().Be(2);
        queue.AddRateLimited("ns/b").Should().Be(TimeSpan.FromMilliseconds(5));
        queue.Forget("ns/a");
        queue.Failures("ns/a").Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        (await TryTakeAsync(queue)).Should().NotBeNull();
    }

    [Fact]
    public void The_token_bucket_allows_a_burst_then_spaces_retries_at_the_rate()
    {
        var now = _time.GetUtcNow();
        var bucket = new TokenBucket(10, 3, now);
        bucket.Reserve(now).Should().Be(TimeSpan.Zero);
        bucket.Reserve(now).Should().Be(TimeSpan.Zero);
        bucket.Reserve(now).Should().Be(TimeSpan.Zero);
        bucket.Reserve(now).Should().BeCloseTo(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1));
        bucket.Reserve(now).Should().BeCloseTo(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1));
        bucket.Reserve(now + TimeSpan.FromSeconds(10)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void The_token_bucket_bounds_the_backoff_of_many_keys()
    {
        using var queue = new WorkQueue(_time, new WorkQueueOptions { RatePerSecond = 10, Burst = 2 });
        queue.AddRateLimited("ns/a").Should().Be(TimeSpan.FromMilliseconds(5));
        queue.AddRateLimited("ns/b").Should().Be(TimeSpan.FromMilliseconds(5));
        queue.AddRateLimited("ns/c").Should().BeCloseTo(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1));
    }
}
