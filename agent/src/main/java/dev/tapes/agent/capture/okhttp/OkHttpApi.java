package dev.tapes.agent.capture.okhttp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Checks that an application's OkHttp and Okio have every method the agent's OkHttp-facing code
 * calls, and no abstract method it leaves out, before any of it is used there. The list is read
 * from that code's own bytecode, so it cannot drift from what the code does.
 */
final class OkHttpApi {
  private OkHttpApi() {}

  /**
   * The first OkHttp or Okio method that {@code okhttpLoader}'s version lacks, as {@code owner.name
   * descriptor}; null when it has them all.
   */
  static String firstMissing(
      ClassLoader okhttpLoader, ClassLoader agentLoader, List<String> users) {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(okhttpLoader));
    for (String user : users) {
      byte[] bytes = OkHttpClassLoader.classFile(agentLoader, user);
      if (bytes == null) {
        return user + " (not in the agent)";
      }
      References refs = References.of(bytes);
      for (String[] call : refs.calls) {
        TypePool.Resolution owner = pool.describe(call[0].replace('/', '.'));
        if (!owner.isResolved() || !declares(owner.resolve(), call[1], call[2])) {
          return call[0].replace('/', '.') + "." + call[1] + call[2];
        }
      }
      for (String supertype : refs.supertypes) {
        TypePool.Resolution type = pool.describe(supertype.replace('/', '.'));
        if (!type.isResolved()) {
          return supertype.replace('/', '.');
        }
        for (MethodDescription.InDefinedShape m : type.resolve().getDeclaredMethods()) {
          if (m.isAbstract() && !refs.declared.contains(m.getInternalName() + m.getDescriptor())) {
            return supertype.replace('/', '.') + "." + m.getInternalName() + m.getDescriptor();
          }
        }
      }
    }
    return null;
  }

  private static boolean declares(TypeDefinition type, String name, String descriptor) {
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
        return true;
      }
    }
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass != null && declares(superClass, name, descriptor)) {
      return true;
    }
    for (TypeDescription.Generic i : type.getInterfaces()) {
      if (declares(i, name, descriptor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOkHttp(String internalName) {
    return internalName.startsWith("okhttp3/") || internalName.startsWith("okio/");
  }

  /** What one class calls in OkHttp and Okio, the OkHttp types it extends, the methods it has. */
  private static final class References extends ClassVisitor {
    final List<String[]> calls = new ArrayList<>();
    final List<String> supertypes = new ArrayList<>();
    final Set<String> declared = new LinkedHashSet<>();

    private References() {
      super(OpenedClassReader.ASM_API);
    }

    static References of(byte[] classFile) {
      References refs = new References();
      new ClassReader(classFile).accept(refs, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return refs;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      if (superName != null && isOkHttp(superName)) {
        supertypes.add(superName);
      }
      for (String i : interfaces) {
        if (isOkHttp(i)) {
          supertypes.add(i);
        }
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      declared.add(name + descriptor);
      return new MethodVisitor(OpenedClassReader.ASM_API) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          if (isOkHttp(owner)) {
            calls.add(new String[] {owner, method, desc});
          }
        }
      };
    }
  }
}
