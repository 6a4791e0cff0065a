using LeBureau.Resources;

namespace LeBureau.Operator.Desktops;

/// <summary>Sets metav1.Condition-style entries: the transition time moves only when the status flips.</summary>
public static class ConditionList
{
    /// <summary>Sets condition <paramref name="type"/> in <paramref name="conditions"/>.</summary>
    public static void Set(List<Condition> conditions, string type, bool status, string reason, string? message, long? generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var value = status ? ConditionStatus.True : ConditionStatus.False;
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new Condition { Type = type, Status = value, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = Truncate(now) });
            return;
        }
        if (existing.Status != value) existing.LastTransitionTime = Truncate(now);
        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    /// <summary>True when condition <paramref name="type"/> is present and True.</summary>
    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) =>
        conditions?.Any(c => c.Type == type && c.Status == ConditionStatus.True) == true;

    // The API server stores times at second precision: an unrounded time would differ after every round trip
    // and make every status look changed.
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
