namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>Waits for an observation to satisfy a condition, with a deadline; fails with the last observation.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="observe"/> until <paramref name="done"/> holds; returns the last observation or throws after <paramref name="timeout"/>.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last = default!;
        Exception? error = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await observe();
                error = null;
                if (done(last)) return last;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{because ?? "condition"} not met within {timeout ?? TimeSpan.FromSeconds(30)}; last: {(last is null ? "null" : k8s.KubernetesJson.Serialize(last))} {error?.Message}");
    }
}
