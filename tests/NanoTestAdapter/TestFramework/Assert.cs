using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework;

/// <summary>The nanoFramework.TestFramework 3.x assertion surface, with the same overloads.
/// There is deliberately no tolerance overload: the device framework has none.</summary>
public sealed class Assert
{
    public static void AreEqual(bool expected, bool actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(byte expected, byte actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(char expected, char actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(sbyte expected, sbyte actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(short expected, short actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(ushort expected, ushort actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(int expected, int actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(uint expected, uint actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(long expected, long actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(ulong expected, ulong actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(float expected, float actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(double expected, double actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(string expected, string actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(DateTime expected, DateTime actual, string message = "") => Equal(expected, actual, message);
    public static void AreEqual(object expected, object actual, string message = "") => Equal(expected, actual, message);

    public static void AreNotEqual(bool notExpected, bool actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(byte notExpected, byte actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(char notExpected, char actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(short notExpected, short actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(ushort notExpected, ushort actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(int notExpected, int actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(uint notExpected, uint actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(long notExpected, long actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(ulong notExpected, ulong actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(float notExpected, float actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(double notExpected, double actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(string notExpected, string actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "") => NotEqual(notExpected, actual, message);
    public static void AreNotEqual(object notExpected, object actual, string message = "") => NotEqual(notExpected, actual, message);

    public static void AreSame(object expected, object actual, string message = "")
    {
        if (!ReferenceEquals(expected, actual)) Fail("AreSame failed: the references differ.", message);
    }

    public static void AreNotSame(object notExpected, object actual, string message = "")
    {
        if (ReferenceEquals(notExpected, actual)) Fail("AreNotSame failed: both are the same reference.", message);
    }

    public static void IsTrue(bool condition, string message = "")
    {
        if (!condition) Fail("IsTrue failed.", message);
    }

    public static void IsFalse(bool condition, string message = "")
    {
        if (condition) Fail("IsFalse failed.", message);
    }

    public static void IsNull(object value, string message = "")
    {
        if (value is not null) Fail($"IsNull failed: got <{value}>.", message);
    }

    public static void IsNotNull(object value, string message = "")
    {
        if (value is null) Fail("IsNotNull failed.", message);
    }

    public static void IsInstanceOfType(object value, Type expected, string message = "")
    {
        if (value is null || !expected.IsInstanceOfType(value))
            Fail($"IsInstanceOfType failed: expected <{expected}>, got <{value?.GetType()}>.", message);
    }

    public static void IsNotInstanceOfType(object value, Type notExpected, string message = "")
    {
        if (value is not null && notExpected.IsInstanceOfType(value))
            Fail($"IsNotInstanceOfType failed: <{value.GetType()}> is a <{notExpected}>.", message);
    }

    public static void Contains(string expected, string value, string message = "")
    {
        if (value is null || expected is null || !value.Contains(expected, StringComparison.Ordinal))
            Fail($"Contains failed: <{expected}> not found in <{value}>.", message);
    }

    public static void DoesNotContains(string notExpected, string value, string message = "")
    {
        if (value is not null && notExpected is not null && value.Contains(notExpected, StringComparison.Ordinal))
            Fail($"DoesNotContains failed: <{notExpected}> found in <{value}>.", message);
    }

    public static void StartsWith(string expected, string value, string message = "")
    {
        if (value is null || expected is null || !value.StartsWith(expected, StringComparison.Ordinal))
            Fail($"StartsWith failed: <{value}> does not start with <{expected}>.", message);
    }

    public static void EndsWith(string expected, string value, string message = "")
    {
        if (value is null || expected is null || !value.EndsWith(expected, StringComparison.Ordinal))
            Fail($"EndsWith failed: <{value}> does not end with <{expected}>.", message);
    }

    public static void ThrowsException(Type exception, Action action, string message = "")
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            if (ex.GetType() != exception)
                Fail($"ThrowsException failed: expected <{exception}>, got <{ex.GetType()}>: {ex.Message}", message);
            return;
        }

        Fail($"ThrowsException failed: expected <{exception}>, nothing was thrown.", message);
    }

    public static void SkipTest(string? message = null) => throw new SkipTestException(message);

    private static void Equal(object? expected, object? actual, string message)
    {
        if (!Equals(expected, actual)) Fail($"AreEqual failed: expected <{expected}>, actual <{actual}>.", message);
    }

    private static void NotEqual(object? notExpected, object? actual, string message)
    {
        if (Equals(notExpected, actual)) Fail($"AreNotEqual failed: both are <{actual}>.", message);
    }

    internal static void Fail(string what, string message) =>
        throw new AssertFailedException(string.IsNullOrEmpty(message) ? what : what + " " + message);
}

public sealed class CollectionAssert
{
    public static void AreEqual(ICollection expected, ICollection actual, string message = "")
    {
        if (!SameItems(expected, actual)) Assert.Fail("CollectionAssert.AreEqual failed.", message);
    }

    public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
    {
        if (SameItems(notExpected, actual)) Assert.Fail("CollectionAssert.AreNotEqual failed.", message);
    }

    public static void Empty(ICollection collection, string message = "")
    {
        if (collection is null || collection.Count != 0) Assert.Fail("CollectionAssert.Empty failed.", message);
    }

    public static void NotEmpty(ICollection collection, string message = "")
    {
        if (collection is null || collection.Count == 0) Assert.Fail("CollectionAssert.NotEmpty failed.", message);
    }

    private static bool SameItems(ICollection? a, ICollection? b)
    {
        if (a is null || b is null) return ReferenceEquals(a, b);
        if (a.Count != b.Count) return false;
        var ea = a.GetEnumerator();
        var eb = b.GetEnumerator();
        while (ea.MoveNext() && eb.MoveNext())
        {
            if (!Equals(ea.Current, eb.Current)) return false;
        }

        return true;
    }
}
