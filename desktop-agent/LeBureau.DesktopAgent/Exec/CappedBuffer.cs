using System.Text;

namespace LeBureau.DesktopAgent.Exec;

/// <summary>Keeps the first <c>capacity</c> bytes of a stream and counts the rest, so a chatty process never blocks or bloats the agent.</summary>
public sealed class CappedBuffer(int capacity)
{
    private readonly MemoryStream _kept = new();

    public bool Truncated { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        var room = capacity - (int)_kept.Length;
        if (chunk.Length > room)
        {
            Truncated = true;
            chunk = chunk[..Math.Max(0, room)];
        }

        _kept.Write(chunk);
    }

    /// <summary>The kept bytes as UTF-8; a character cut at the cap becomes U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
}
