import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MotionPace } from './motionPace.js';

/**
 * The live preview's three.js scene, apart from React: the decimated model
 * the mesh worker wrote (node "model") with its problem overlay (node
 * "problems", per-vertex colours), in millimetres with Z up, fitted to the
 * print size,
 * standing on a print bed with a 10 mm grid and a ruler along its front
 * edge. Orbit with the mouse; wireframe, overlay and turntable are toggles.
 * The loop renders only while something moves (orbit damping, turntable),
 * so an idle preview costs nothing.
 *
 * Where the full level cannot keep up while the view moves (motionPace.ts:
 * slow frames several times in a row — software WebGL, a weak GPU), motion
 * is drawn with the worker's coarse level ("model-coarse",
 * "problems-coarse") at half the pixel ratio, and the full level comes back
 * the moment the view stops.
 */
export interface PreviewState {
  /** Triangles of the model on screen and of the overlay (what the tests and the benchmark read). */
  modelTriangles: number;
  problemTriangles: number;
  /** Triangles of the coarse level's model (0 when the file has none). */
  coarseTriangles: number;
  /** What is drawn while the view moves: the full level, or the coarse one (this machine was too slow for the full one). */
  motionDetail: 'full' | 'coarse';
  /** The model's bounding box on the bed (mm). */
  sizeMm: [number, number, number];
  wireframe: boolean;
  problems: boolean;
  turntable: boolean;
  loaded: boolean;
}

export interface PreviewOptions {
  /** The bed's size (mm, x·y): the process's usual machine. */
  bedMm: [number, number];
  /** The model's largest side as printed (mm). */
  sizeMm: number;
}

const MODEL_COLOR = 0xb8c2cc;

/** One level of detail: the model's meshes and the overlay's. */
interface Level {
  model: THREE.Mesh[];
  problems: THREE.Mesh[];
}

export class PreviewScene {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.PerspectiveCamera(40, 1, 1, 10_000);
  private readonly controls: OrbitControls;
  private readonly bed = new THREE.Group();
  private model: THREE.Object3D | null = null;
  private readonly materials: THREE.MeshStandardMaterial[] = [];
  private full: Level = { model: [], problems: [] };
  private coarse: Level = { model: [], problems: [] };
  private readonly pixelRatio: number;
  private frame = 0;
  private disposed = false;
  private readonly pace = new MotionPace();
  readonly state: PreviewState = { modelTriangles: 0, problemTriangles: 0, coarseTriangles: 0, motionDetail: 'full', sizeMm: [0, 0, 0], wireframe: false, problems: true, turntable: false, loaded: false };

  constructor(
    readonly canvas: HTMLCanvasElement,
    private options: PreviewOptions,
    private readonly onChange: (state: PreviewState) => void = () => undefined,
  ) {
    // No MSAA: on software WebGL (SwiftShader) it tripled the frame time of a 200,000-triangle preview
    // (bench/mesh-preview.ts); the pixel ratio (up to 2) smooths edges on high-DPI screens instead.
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false });
    this.pixelRatio = Math.min(window.devicePixelRatio, 2);
    this.renderer.setPixelRatio(this.pixelRatio);
    this.scene.background = new THREE.Color(0xf4f5f7);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x8090a0, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(200, 400, 300);
    this.scene.add(sun, this.bed);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.addEventListener('change', () => this.requestFrame());
    this.buildBed();
    this.frameCamera(options.sizeMm);
    this.resize();
  }

  /** Loads a preview GLB (the worker's) from a URL the media route serves. */
  async load(url: string): Promise<void> {
    const gltf = await new GLTFLoader().loadAsync(url);
    if (this.disposed) return;
    this.clearModel();
    const root = gltf.scene;
    this.full = { model: [], problems: [] };
    this.coarse = { model: [], problems: [] };
    const triangles = (meshes: THREE.Mesh[]) => meshes.reduce((n, m) => n + (m.geometry.index ? m.geometry.index.count : m.geometry.attributes.position!.count) / 3, 0);
    const meshes: THREE.Mesh[] = [];
    root.traverse((obj) => {
      if (obj instanceof THREE.Mesh) meshes.push(obj);
    });
    for (const obj of meshes) {
      const level = isUnder(obj, 'model-coarse') || isUnder(obj, 'problems-coarse') ? this.coarse : this.full;
      if (isUnder(obj, 'problems') || isUnder(obj, 'problems-coarse')) level.problems.push(obj);
      else level.model.push(obj);
    }
    for (const level of [this.full, this.coarse]) {
      // A closed, outward surface never shows its back faces: drawing only the front ones halves what is rasterised.
      const side = level.model.length > 0 && level.model.every((m) => closedFlag(m)) ? THREE.FrontSide : THREE.DoubleSide;
      for (const obj of level.model) {
        const material = new THREE.MeshStandardMaterial({ color: MODEL_COLOR, roughness: 0.65, metalness: 0.05, flatShading: false, wireframe: this.state.wireframe, side });
        this.materials.push(material);
        obj.material = material;
        if (!obj.geometry.attributes.normal) obj.geometry.computeVertexNormals();
      }
      for (const obj of level.problems) {
        // Coloured by problem kind; drawn over the model where they coincide.
        obj.material = new THREE.MeshBasicMaterial({ vertexColors: true, polygonOffset: true, polygonOffsetFactor: -1, polygonOffsetUnits: -1, side });
      }
    }
    this.model = this.fit(root);
    this.scene.add(this.model);
    this.pace.reset();
    const size = new THREE.Box3().setFromObject(this.model).getSize(new THREE.Vector3());
    Object.assign(this.state, {
      modelTriangles: triangles(this.full.model),
      problemTriangles: triangles(this.full.problems),
      coarseTriangles: triangles(this.coarse.model),
      motionDetail: 'full',
      sizeMm: [round1(size.x), round1(size.z), round1(size.y)],
      loaded: true,
    });
    this.showLevel(false);
    this.changed();
  }

  setWireframe(on: boolean): void {
    this.state.wireframe = on;
    for (const m of this.materials) m.wireframe = on;
    this.changed();
  }

  setProblems(on: boolean): void {
    this.state.problems = on;
    this.showLevel(false);
    this.changed();
  }

  setTurntable(on: boolean): void {
    this.state.turntable = on;
    this.controls.autoRotate = on;
    this.changed();
  }

  setOptions(options: PreviewOptions): void {
    this.options = options;
    this.buildBed();
    if (this.model) {
      const inner = this.model.children[0]!;
      this.scene.remove(this.model);
      this.model = this.fit(inner);
      this.scene.add(this.model);
    }
    this.frameCamera(options.sizeMm);
    this.changed();
  }

  resize(): void {
    const w = Math.max(1, this.canvas.clientWidth);
    const h = Math.max(1, this.canvas.clientHeight);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.requestFrame();
  }

  /** One frame now, as drawn at rest or (`moving`) in motion (the benchmark times these). */
  renderNow(moving = false): void {
    this.controls.update();
    this.draw(moving);
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.controls.dispose();
    this.clearModel();
    this.renderer.dispose();
  }

  private requestFrame(): void {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame((at) => {
      this.frame = 0;
      const moving = this.controls.update() || this.state.turntable;
      if (this.coarse.model.length > 0 && this.pace.frame(moving, at)) {
        this.state.motionDetail = 'coarse';
        this.onChange({ ...this.state });
      }
      this.draw(moving);
      if (moving) this.requestFrame();
    });
  }

  private draw(moving: boolean): void {
    this.showLevel(moving && this.state.motionDetail === 'coarse');
    this.renderer.render(this.scene, this.camera);
  }

  /** The coarse level (at half the pixel ratio) or the full one, with the overlay as the toggle says. */
  private showLevel(coarse: boolean): void {
    for (const m of this.full.model) m.visible = !coarse;
    for (const m of this.coarse.model) m.visible = coarse;
    for (const m of this.full.problems) m.visible = this.state.problems && !coarse;
    for (const m of this.coarse.problems) m.visible = this.state.problems && coarse;
    const ratio = coarse ? this.pixelRatio / 2 : this.pixelRatio;
    if (this.renderer.getPixelRatio() !== ratio) this.renderer.setPixelRatio(ratio);
  }

  private changed(): void {
    this.requestFrame();
    this.onChange({ ...this.state });
  }

  /** The model scaled so its largest side is the print size (mm), centred on the bed and standing on it. */
  private fit(root: THREE.Object3D): THREE.Group {
    const holder = new THREE.Group();
    root.position.set(0, 0, 0);
    root.scale.set(1, 1, 1);
    // The worker writes millimetres with Z up (as printers and STL do); three's up is Y.
    root.rotation.set(-Math.PI / 2, 0, 0);
    root.updateMatrixWorld(true);
    const box = new THREE.Box3().setFromObject(root);
    const size = box.getSize(new THREE.Vector3());
    const k = this.options.sizeMm / Math.max(size.x, size.y, size.z, 1e-9);
    root.scale.setScalar(k);
    const center = box.getCenter(new THREE.Vector3());
    root.position.set(-center.x * k, -box.min.y * k, -center.z * k);
    holder.add(root);
    return holder;
  }

  private clearModel(): void {
    if (!this.model) return;
    this.scene.remove(this.model);
    this.model.traverse((obj) => {
      if (obj instanceof THREE.Mesh) {
        (obj.geometry as THREE.BufferGeometry).dispose();
        (obj.material as THREE.Material).dispose();
      }
    });
    this.materials.length = 0;
    this.model = null;
  }

  private frameCamera(sizeMm: number): void {
    const d = Math.max(sizeMm, 40) * 2.2;
    this.camera.position.set(d * 0.7, d * 0.6, d);
    this.camera.near = Math.max(0.5, d / 200);
    this.camera.far = d * 20;
    this.camera.updateProjectionMatrix();
    this.controls.target.set(0, sizeMm / 2, 0);
    this.controls.update();
  }

  /** The bed: a plate, a 10 mm grid, and a ruler with a tick every 10 mm and a label every 50 mm along its front edge. */
  private buildBed(): void {
    for (const child of [...this.bed.children]) {
      this.bed.remove(child);
      disposeTree(child);
    }
    const [w, d] = this.options.bedMm;
    const plate = new THREE.Mesh(new THREE.PlaneGeometry(w, d), new THREE.MeshStandardMaterial({ color: 0xe3e7ec, roughness: 0.9 }));
    plate.rotation.x = -Math.PI / 2;
    plate.position.y = -0.05;
    const grid = new THREE.GridHelper(Math.max(w, d), Math.round(Math.max(w, d) / 10), 0x9aa5b1, 0xc9d0d8);
    grid.name = 'bed-grid';
    const ruler = new THREE.Group();
    ruler.name = 'ruler';
    const ticks: number[] = [];
    const z = d / 2 + 4;
    ticks.push(-w / 2, 0, z, w / 2, 0, z);
    for (let x = 0; x <= w + 1e-6; x += 10) {
      const len = x % 50 === 0 ? 6 : 3;
      ticks.push(x - w / 2, 0, z, x - w / 2, 0, z + len);
      if (x % 50 === 0) ruler.add(label(`${x}`, x - w / 2, z + 12));
    }
    ruler.add(label('mm', w / 2 + 14, z + 3));
    const lines = new THREE.BufferGeometry();
    lines.setAttribute('position', new THREE.Float32BufferAttribute(ticks, 3));
    ruler.add(new THREE.LineSegments(lines, new THREE.LineBasicMaterial({ color: 0x334155 })));
    this.bed.add(plate, grid, ruler);
  }
}

/** The worker's word (node extras, which three keeps in userData) that the surface is closed and outward. */
function closedFlag(obj: THREE.Object3D): boolean {
  for (let o: THREE.Object3D | null = obj; o; o = o.parent) if (o.userData.closed === true) return true;
  return false;
}

function isUnder(obj: THREE.Object3D, name: string): boolean {
  for (let o: THREE.Object3D | null = obj; o; o = o.parent) if (o.name === name) return true;
  return false;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A flat text label lying on the bed (a canvas texture on a plane). */
function label(text: string, x: number, z: number): THREE.Mesh {
  const canvas = document.createElement('canvas');
  canvas.width = 128;
  canvas.height = 64;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#334155';
  ctx.font = 'bold 40px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 64, 32);
  const texture = new THREE.CanvasTexture(canvas);
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(16, 8), new THREE.MeshBasicMaterial({ map: texture, transparent: true }));
  mesh.rotation.x = -Math.PI / 2;
  mesh.position.set(x, 0.1, z);
  return mesh;
}

function disposeTree(obj: THREE.Object3D): void {
  obj.traverse((o) => {
    if (o instanceof THREE.Mesh || o instanceof THREE.LineSegments) {
      (o.geometry as THREE.BufferGeometry).dispose();
      const m = o.material as THREE.Material & { map?: THREE.Texture | null };
      m.map?.dispose();
      m.dispose();
    }
  });
}
