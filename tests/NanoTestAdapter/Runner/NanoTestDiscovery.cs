using System.Globalization;
using System.Reflection;

namespace nanoFramework.TestFramework.Runner;

/// <summary>Finds the nanoFramework-style tests in an assembly the way the device's launcher does:
/// public classes with [TestClass], their public void methods with [TestMethod] or [DataRow].</summary>
public static class NanoTestDiscovery
{
    public static IEnumerable<object[]> Cases(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t.GetCustomAttribute<TestClassAttribute>() is not null).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in TestMethods(type))
            {
                var rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                if (rows.Length == 0)
                {
                    yield return new object[] { new NanoTestCase(type.FullName!, method.Name, -1, $"{type.Name}.{method.Name}") };
                    continue;
                }

                for (int i = 0; i < rows.Length; i++)
                {
                    var args = string.Join(", ", rows[i].MethodParameters.Select(FormatArgument));
                    yield return new object[] { new NanoTestCase(type.FullName!, method.Name, i, $"{type.Name}.{method.Name}({args})") };
                }
            }
        }
    }

    internal static IEnumerable<MethodInfo> TestMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<TestMethodAttribute>() is not null || m.GetCustomAttributes<DataRowAttribute>().Any())
            .OrderBy(m => m.MetadataToken);

    private static string FormatArgument(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
