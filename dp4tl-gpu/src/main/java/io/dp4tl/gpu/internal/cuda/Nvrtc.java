package io.dp4tl.gpu.internal.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.dp4tl.gpu.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * NVRTC ({@code libnvrtc.so}), the run-time CUDA C++ compiler, through the Foreign Function API.
 * A failure raises {@link CudaException} with {@code nvrtcGetErrorString} (and, for a compile
 * error, the compiler log).
 */
public final class Nvrtc {
  static final Binding ERROR_STRING = new Binding("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
  static final Binding VERSION = new Binding("nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding NUM_SUPPORTED_ARCHS =
      new Binding("nvrtcGetNumSupportedArchs", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding SUPPORTED_ARCHS =
      new Binding("nvrtcGetSupportedArchs", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding CREATE_PROGRAM = new Binding("nvrtcCreateProgram",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
  static final Binding DESTROY_PROGRAM = new Binding("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  static final Binding COMPILE_PROGRAM =
      new Binding("nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
  static final Binding PTX_SIZE = new Binding("nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding PTX = new Binding("nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding CUBIN_SIZE = new Binding("nvrtcGetCUBINSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding CUBIN = new Binding("nvrtcGetCUBIN", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding LOG_SIZE =
      new Binding("nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  static final Binding LOG = new Binding("nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

  /** Every function bound, for checks against {@code nvrtc.h}. */
  public static final List<Binding> BINDINGS = List.of(ERROR_STRING, VERSION, NUM_SUPPORTED_ARCHS, SUPPORTED_ARCHS,
      CREATE_PROGRAM, DESTROY_PROGRAM, COMPILE_PROGRAM, PTX_SIZE, PTX, CUBIN_SIZE, CUBIN, LOG_SIZE, LOG);

  /** File names tried, newest first. */
  public static final List<String> FILE_NAMES =
      List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so");

  /** What NVRTC opens by name, loaded first from the folder where NVRTC is found. */
  public static final List<String> COMPANIONS = List.of("libnvrtc-builtins.so.1[23].[0-9]*");

  private final MethodHandle[] handles;

  private Nvrtc(MethodHandle[] handles) {
    this.handles = handles;
  }

  /**
   * Binds every function of the loaded library.
   *
   * @throws CudaUnavailableException if the library lacks one (older than CUDA 12)
   */
  public static Nvrtc bind(NativeLibrary library) throws CudaUnavailableException {
    MethodHandle[] handles = new MethodHandle[BINDINGS.size()];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = BINDINGS.get(i).bind(library.lookup(), library.origin());
    }
    return new Nvrtc(handles);
  }

  private MethodHandle h(Binding binding) {
    return handles[BINDINGS.indexOf(binding)];
  }

  /** NVRTC's version as {@code major * 1000 + minor * 10}, like the driver's. */
  public int version() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment major = arena.allocate(JAVA_INT);
      MemorySegment minor = arena.allocate(JAVA_INT);
      check("nvrtcVersion", (int) h(VERSION).invokeExact(major, minor));
      return major.get(JAVA_INT, 0) * 1000 + minor.get(JAVA_INT, 0) * 10;
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /** The virtual architectures this NVRTC compiles for, ascending (e.g. 75, 80, ..., 120). */
  public int[] supportedArchitectures() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment count = arena.allocate(JAVA_INT);
      check("nvrtcGetNumSupportedArchs", (int) h(NUM_SUPPORTED_ARCHS).invokeExact(count));
      MemorySegment archs = arena.allocate(JAVA_INT, Math.max(1, count.get(JAVA_INT, 0)));
      check("nvrtcGetSupportedArchs", (int) h(SUPPORTED_ARCHS).invokeExact(archs));
      return archs.asSlice(0, JAVA_INT.byteSize() * count.get(JAVA_INT, 0)).toArray(JAVA_INT);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  /**
   * Compiles CUDA C++ source.
   *
   * @param source the program
   * @param name its name in messages
   * @param options compiler options, e.g. {@code --gpu-architecture=sm_90}
   * @param cubin whether to return a CUBIN (for a real architecture {@code sm_XY}) rather than PTX
   *     (for a virtual one {@code compute_XY})
   * @return the image for {@code cuModuleLoadData} (PTX is NUL-terminated)
   * @throws CudaException if compilation fails; the message holds the compiler log
   */
  public byte[] compile(String source, String name, List<String> options, boolean cubin) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment programOut = arena.allocate(ADDRESS);
      check("nvrtcCreateProgram", (int) h(CREATE_PROGRAM).invokeExact(programOut, arena.allocateFrom(source),
          arena.allocateFrom(name), 0, MemorySegment.NULL, MemorySegment.NULL));
      MemorySegment program = programOut.get(ADDRESS, 0);
      try {
        MemorySegment optionArray = arena.allocate(ADDRESS, Math.max(1, options.size()));
        for (int i = 0; i < options.size(); i++) {
          optionArray.setAtIndex(ADDRESS, i, arena.allocateFrom(options.get(i)));
        }
        int status = (int) h(COMPILE_PROGRAM).invokeExact(program, options.size(), optionArray);
        if (status != 0) {
          throw new CudaException("nvrtcCompileProgram(" + name + ")", status, errorString(status),
              "options " + options + ", log:\n" + log(program, arena));
        }
        MemorySegment size = arena.allocate(JAVA_LONG);
        if (cubin) {
          check("nvrtcGetCUBINSize", (int) h(CUBIN_SIZE).invokeExact(program, size));
        } else {
          check("nvrtcGetPTXSize", (int) h(PTX_SIZE).invokeExact(program, size));
        }
        MemorySegment image = arena.allocate(size.get(JAVA_LONG, 0));
        if (cubin) {
          check("nvrtcGetCUBIN", (int) h(CUBIN).invokeExact(program, image));
        } else {
          check("nvrtcGetPTX", (int) h(PTX).invokeExact(program, image));
        }
        return image.toArray(JAVA_BYTE);
      } finally {
        check("nvrtcDestroyProgram", (int) h(DESTROY_PROGRAM).invokeExact(programOut));
      }
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }

  private String log(MemorySegment program, Arena arena) throws Throwable {
    MemorySegment size = arena.allocate(JAVA_LONG);
    check("nvrtcGetProgramLogSize", (int) h(LOG_SIZE).invokeExact(program, size));
    MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
    check("nvrtcGetProgramLog", (int) h(LOG).invokeExact(program, log));
    return log.getString(0);
  }

  private void check(String call, int status) {
    if (status != 0) {
      throw new CudaException(call, status, errorString(status), "");
    }
  }

  /** {@code nvrtcGetErrorString}, e.g. {@code NVRTC_ERROR_COMPILATION}. */
  public String errorString(int status) {
    try {
      MemorySegment text = (MemorySegment) h(ERROR_STRING).invokeExact(status);
      return text.equals(MemorySegment.NULL) ? "NVRTC_ERROR " + status : Natives.string(text);
    } catch (Throwable t) {
      throw Natives.rethrow(t);
    }
  }
}
