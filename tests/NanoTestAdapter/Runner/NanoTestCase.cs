using Xunit.Abstractions;

namespace nanoFramework.TestFramework.Runner;

/// <summary>One [TestMethod], or one [DataRow] of it, as an xunit theory row of its own.</summary>
public sealed class NanoTestCase : IXunitSerializable
{
    public NanoTestCase()
    {
        TypeName = MethodName = string.Empty;
    }

    public NanoTestCase(string typeName, string methodName, int dataRowIndex, string display)
    {
        TypeName = typeName;
        MethodName = methodName;
        DataRowIndex = dataRowIndex;
        Display = display;
    }

    public string TypeName { get; private set; }

    public string MethodName { get; private set; }

    /// <summary>Index of the [DataRow] on the method, or -1 for a method without rows.</summary>
    public int DataRowIndex { get; private set; }

    public string Display { get; private set; } = string.Empty;

    public void Deserialize(IXunitSerializationInfo info)
    {
        TypeName = info.GetValue<string>(nameof(TypeName));
        MethodName = info.GetValue<string>(nameof(MethodName));
        DataRowIndex = info.GetValue<int>(nameof(DataRowIndex));
        Display = info.GetValue<string>(nameof(Display));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(TypeName), TypeName);
        info.AddValue(nameof(MethodName), MethodName);
        info.AddValue(nameof(DataRowIndex), DataRowIndex);
        info.AddValue(nameof(Display), Display);
    }

    public override string ToString() => Display;
}
