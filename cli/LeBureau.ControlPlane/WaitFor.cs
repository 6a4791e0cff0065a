namespace LeBureau.ControlPlane;

/// <summary>Polls a condition until it holds or a deadline passes.</summary>
public static class WaitFor
{
    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="interval"/> (default 100 ms) until it returns true;
    /// false when <paramref name="timeout"/> passes first. A throwing poll counts as "not yet".
    /// </summary>
    public static async Task<bool> ConditionAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout,
        TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                if (await condition(deadline.Token)) return true;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Not ready yet (connection refused, 404, a cancelled poll): try again until the deadline.
            }
            try
            {
                await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }
}
