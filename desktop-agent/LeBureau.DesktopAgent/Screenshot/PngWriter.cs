using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.Intrinsics;

namespace LeBureau.DesktopAgent.Screenshot;

/// <summary>
/// Encodes 32-bit BGRX pixels as an 8-bit RGB PNG, compressing horizontal strips in parallel the way
/// pigz does: each strip is an independent raw-deflate segment ended by a sync flush, and the segments
/// concatenate into one valid zlib stream. SkiaSharp's PNG encoder is single-threaded and is the whole
/// cost of a PNG screenshot; this writer, with zlib-ng level 2 and the Up filter, produces files of the
/// same size in about half the time on two cores (see docs/benchmarks.md). Strips are a fixed
/// <see cref="StripRows"/> rows, whatever the core count, so that the same pixels always give the same bytes
/// and a <see cref="PngStripCache"/> can keep the segments of strips whose pixels did not change.
/// </summary>
public static class PngWriter
{
    /// <summary>Rows per strip: small enough that a typed character re-encodes one or two strips of a screen; restarting
    /// the compressor every 32 rows did not grow the chat bench's screenshots (its requests, three screenshots each,
    /// went from 2.05–2.08 MB to 1.95–1.98 MB).</summary>
    public const int StripRows = 32;

    private const int CompressionLevel = 2;
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    public static byte[] Encode(byte[] bgrx, int width, int height, int stride) => Encode(bgrx.AsSpan(), width, height, stride, cache: null);

    public static byte[] Encode(ReadOnlySpan<byte> bgrx, int width, int height, int stride) => Encode(bgrx, width, height, stride, cache: null);

    /// <summary>
    /// Encodes the pixels; with a <paramref name="cache"/> of the previous image, strips whose pixels (and the row
    /// above them, which the Up filter reads) are unchanged are not compressed again, and when no strip changed the
    /// previous PNG itself is returned. The bytes are the same as without a cache.
    /// </summary>
    public static unsafe byte[] Encode(ReadOnlySpan<byte> bgrx, int width, int height, int stride, PngStripCache? cache)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width * 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(bgrx.Length, ((height - 1) * stride) + (width * 4), nameof(bgrx));
        fixed (byte* pixels = bgrx)
        {
            return Encode((IntPtr)pixels, width, height, stride, cache);
        }
    }

    private static unsafe byte[] Encode(IntPtr pixels, int width, int height, int stride, PngStripCache? cache)
    {
        var strips = (height + StripRows - 1) / StripRows;
        var (previous, previousPng) = cache?.Previous(width, height, stride) ?? (null, null);
        var segments = new byte[strips][];
        var checksums = new uint[strips];
        var lengths = new long[strips];
        var hashes = new UInt128[strips];
        var changed = 0;
        Parallel.For(0, strips, strip =>
        {
            var first = strip * StripRows;
            var last = Math.Min(height, first + StripRows);
            if (cache is not null)
            {
                // The strip's rows and the row above, which the Up filter subtracts from its first row.
                var from = Math.Max(0, first - 1);
                var bytes = new ReadOnlySpan<byte>((byte*)pixels + ((long)from * stride), (int)(((long)(last - from - 1) * stride) + (width * 4)));
                hashes[strip] = XxHash128.HashToUInt128(bytes);
                if (previous is not null && previous[strip].Hash == hashes[strip])
                {
                    var kept = previous[strip];
                    (segments[strip], checksums[strip], lengths[strip]) = (kept.Segment, kept.Adler, kept.Length);
                    return;
                }
            }

            Interlocked.Increment(ref changed);
            var filtered = Filter((byte*)pixels, width, stride, first, last);
            checksums[strip] = Adler32(filtered);
            lengths[strip] = filtered.Length;
            segments[strip] = Deflate(filtered, final: strip == strips - 1);
        });

        if (changed == 0 && previousPng is not null)
        {
            return previousPng;
        }

        var png = Assemble(width, height, segments, checksums, lengths);
        if (cache is not null)
        {
            cache.Keep(width, height, stride, png, [.. Enumerable.Range(0, strips).Select(i => new PngStripCache.Strip(hashes[i], segments[i], checksums[i], lengths[i]))]);
        }

        return png;
    }

    private static byte[] Assemble(int width, int height, byte[][] segments, uint[] checksums, long[] lengths)
    {
        var adler = checksums[0];
        for (var strip = 1; strip < segments.Length; strip++)
        {
            adler = CombineAdler32(adler, checksums[strip], lengths[strip]);
        }

        var idatLength = 2 + segments.Sum(s => s.Length) + 4;
        using var png = new MemoryStream(Signature.Length + 25 + 12 + idatLength + 12);
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        WriteChunk(png, "IHDR"u8, header);

        var idat = new byte[idatLength];
        idat[0] = 0x78;
        idat[1] = 0x01;
        var offset = 2;
        foreach (var segment in segments)
        {
            segment.CopyTo(idat, offset);
            offset += segment.Length;
        }

        BinaryPrimitives.WriteUInt32BigEndian(idat.AsSpan(offset), adler);
        WriteChunk(png, "IDAT"u8, idat);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>Rows [first, last) as PNG scanlines: RGB, Up filter (None for the image's first row).</summary>
    private static unsafe byte[] Filter(byte* source, int width, int stride, int first, int last)
    {
        var lineLength = 1 + (width * 3);
        var filtered = new byte[(last - first) * lineLength];
        fixed (byte* target = filtered)
        {
            for (var row = first; row < last; row++)
            {
                var line = target + ((long)(row - first) * lineLength);
                line[0] = row == 0 ? (byte)0 : (byte)2;
                FilterRow(source + ((long)row * stride), row == 0 ? null : source + ((long)(row - 1) * stride), line + 1, width);
            }
        }

        return filtered;
    }

    private static unsafe void FilterRow(byte* current, byte* above, byte* line, int width)
    {
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 4 BGRX pixels → 12 RGB bytes; the 4 extra bytes stored are overwritten by the next step,
            // and the loop stops early enough never to write past the row.
            var toRgb = Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0xff, 0xff, 0xff, 0xff);
            for (; x + 6 <= width; x += 4)
            {
                var pixels = Vector128.Load(current + (x * 4));
                if (above != null)
                {
                    pixels -= Vector128.Load(above + (x * 4));
                }

                Vector128.Shuffle(pixels, toRgb).Store(line + (x * 3));
            }
        }

        for (; x < width; x++)
        {
            var s = x * 4;
            var d = x * 3;
            line[d] = (byte)(current[s + 2] - (above == null ? 0 : above[s + 2]));
            line[d + 1] = (byte)(current[s + 1] - (above == null ? 0 : above[s + 1]));
            line[d + 2] = (byte)(current[s] - (above == null ? 0 : above[s]));
        }
    }

    private static byte[] Deflate(byte[] data, bool final)
    {
        using var output = new MemoryStream(data.Length / 4);
        var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = CompressionLevel }, leaveOpen: true);
        deflate.Write(data);
        if (final)
        {
            deflate.Dispose();
            return output.ToArray();
        }

        // A sync flush ends the segment on a byte boundary without the final-block bit; what Dispose
        // appends after it (the final empty block) is dropped so that the next segment can follow.
        deflate.Flush();
        var length = (int)output.Length;
        deflate.Dispose();
        return output.GetBuffer().AsSpan(0, length).ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(type);
        png.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(checksum, crc.GetCurrentHashAsUInt32());
        png.Write(checksum);
    }

    private const uint AdlerBase = 65521;

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            // 5552 is the largest run whose sums cannot overflow 32 bits before the modulo.
            var run = data[..Math.Min(5552, data.Length)];
            foreach (var value in run)
            {
                a += value;
                b += a;
            }

            a %= AdlerBase;
            b %= AdlerBase;
            data = data[run.Length..];
        }

        return (b << 16) | a;
    }

    /// <summary>The Adler-32 of two concatenated blocks from theirs (zlib's adler32_combine).</summary>
    private static uint CombineAdler32(uint first, uint second, long secondLength)
    {
        var remainder = (ulong)(secondLength % AdlerBase);
        ulong sum1 = first & 0xffff;
        var sum2 = remainder * sum1 % AdlerBase;
        sum1 += (second & 0xffff) + AdlerBase - 1;
        sum2 += ((first >> 16) & 0xffff) + ((second >> 16) & 0xffff) + AdlerBase - remainder;
        if (sum1 >= AdlerBase)
        {
            sum1 -= AdlerBase;
        }

        if (sum1 >= AdlerBase)
        {
            sum1 -= AdlerBase;
        }

        if (sum2 >= (ulong)AdlerBase << 1)
        {
            sum2 -= (ulong)AdlerBase << 1;
        }

        if (sum2 >= AdlerBase)
        {
            sum2 -= AdlerBase;
        }

        return (uint)(sum1 | (sum2 << 16));
    }
}
